"""The parts of a catalog page that are the same for every visitor, rendered once and kept.

A catalog page differs between visitors only in the header's cart (between `page_cache.PERSONAL_START` and
`PERSONAL_END`), Wagtail's user bar for staff and the messages waiting for them. The page cache keeps the whole
page for visitors without a session; for everyone else the view runs, and its layout is cut into named
fragments (`{% page_fragment %}` in `templates/base.html`: the head, the header and navigation, the content,
the footer), kept per URL:

- the content under the URL's page cache key (`page_cache.current_key`): whatever purges the page's cached copy
  (publishing, a price or stock change, `purge_everything`) drops it at the same moment, so it is never older
  than the copy an anonymous visitor gets;
- the head, header and footer (the navigation, the language links, the shop's name: nothing of a product's)
  under `page_cache.layout_key`, which publishing, unpublishing or moving any page and `purge_everything`
  change, and an order's stock change does not: on a busy day they outlive the content's purges.

- All of a page's fragments come in one cache read; a miss renders that fragment and keeps it.
- Inside a fragment, the header's personal part is rendered for each visitor (never stored).
- Only what the view asks for is kept (`for_page`): the content of a page whose content is the same for
  everyone (`shared_with_shoppers`), the layout of any cacheable page; never in a preview, and not at all
  with the page cache off (`PAGE_CACHE_ENABLED`).
- What only the content shows is computed on its first use (`deferred`) or not at all when the content is kept
  (`PageFragments.has`), so a kept content costs nothing.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from storefront import page_cache

# Every fragment a page may have, read together: a name not here is rendered every time.
NAMES = ("head", "header", "content", "footer")
CONTENT = "content"


class PageFragments:
    """The fragments of one page view (see the module docstring)."""

    def __init__(self, request, *, content: bool, timeout: int | None = None):
        self.request = request
        self.content = content
        self.timeout = settings.PAGE_CACHE_S_MAXAGE if timeout is None else timeout
        self._found = None

    def kept(self, name: str) -> bool:
        return name in NAMES and (name != CONTENT or self.content)

    def _key(self, name: str) -> str:
        if name == CONTENT:
            return f"{page_cache.current_key(self.request)}:fragment:{name}"
        return f"{page_cache.layout_key(self.request)}:fragment:{name}"

    def get(self, name: str) -> str | None:
        if self._found is None:
            names = [n for n in NAMES if self.kept(n)]
            self._found = cache.get_many([self._key(n) for n in names])
        return self._found.get(self._key(name))

    def has(self, name: str) -> bool:
        """Whether this fragment is kept: what only it shows need not be computed."""
        return self.kept(name) and self.get(name) is not None

    def keep(self, name: str, html: str) -> None:
        """Keep a fragment just rendered, without the personal part it may hold."""
        cache.set(self._key(name), without_personal(html), self.timeout)


class FragmentedPageMixin(page_cache.CacheablePageMixin):
    """For a catalog page model: cacheable (`page_cache.CacheablePageMixin`), and its template's fragments kept:
    the layout always, the content when it is the same for every visitor (`shared_with_shoppers`)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_fragments"] = for_page(request, content=self.shared_with_shoppers)
        return context


def for_page(request, *, content: bool) -> PageFragments | None:
    """The fragments a view's template may take from the cache, or None to render everything."""
    if (
        not settings.PAGE_CACHE_ENABLED
        or request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)
        or getattr(request, "is_storefront_preview", False)
    ):
        return None
    return PageFragments(request, content=content)


def without_personal(html: str) -> str:
    start, end = html.find(page_cache.PERSONAL_START), html.find(page_cache.PERSONAL_END)
    if start < 0 or end < start:
        return html
    return html[: start + len(page_cache.PERSONAL_START)] + html[end:]


def with_personal(html: str, render_personal) -> str:
    """`html` with `render_personal()` put between the personal markers (unchanged where there are none)."""
    at = html.find(page_cache.PERSONAL_START)
    if at < 0:
        return html
    at += len(page_cache.PERSONAL_START)
    return html[:at] + render_personal() + html[at:]


def deferred(compute):
    """A context value computed on its first use (by the template or a test), once: a page whose content comes
    from the cache never computes it."""
    return SimpleLazyObject(compute)
