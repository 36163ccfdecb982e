"""Full-page caching of the catalog for anonymous visitors, and its purge.

A page is *public* when the view says so (`decide_cacheability`) and the visitor is anonymous: no session
cookie (so no cart, no login, no staff) and no `messages` cookie (a message belongs to one visitor). Such a
response carries `Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE, s-maxage=PAGE_CACHE_S_MAXAGE` and
`Vary: Cookie`, sets no cookie, and `PageCacheMiddleware` keeps it in Django's cache (Redis in production,
local memory in development and tests) for `s-maxage` seconds. Every other response of a cacheable view says
`private, no-store`, and the middleware neither serves nor stores anything for such a visitor.

Purging is by path: each cached copy's key carries the current *version* of its path (query strings
included), so `purge_urls()` bumps the versions of every affected path at once, and a CDN in front is told
the same URLs through `wagtail.contrib.frontend_cache` when `WAGTAILFRONTENDCACHE` is configured. Which
pages a change affects is the business of the app that knows the pages (`products.cache`).

The same versions key what is kept for the views that do run: the parts of a catalog page that are the same for
every visitor (`storefront.page_fragments`: `current_key`, `layout_key`), a path's route (`storefront.routing`)
and a category's count (`path_key`). What a request needs of them is read in one round trip (`request_reads`).
"""

import functools
import hashlib
import logging
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import PageViewRestriction

logger = logging.getLogger(__name__)

HIT_HEADER = "X-Page-Cache"
GENERATION_KEY = "page-generation"  # bumped to drop every cached page at once
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
RESTRICTIONS_KEY = "page-view-restrictions-exist"
SITES_KEY = "routing-sites"  # the sites, as `storefront.routing` keeps them
# The one part of a shared page that belongs to its visitor (the header's cart), between these markers.
PERSONAL_START, PERSONAL_END = "<!--personal-->", "<!--/personal-->"
PERSONAL_TEMPLATE = "includes/personal_header.html"
FRAGMENT_FAMILIES = ("content", "products")  # see `fragment_versions`
SESSION_MESSAGES_KEY = "_messages"  # django.contrib.messages' SessionStorage.session_key
_copy_served_callbacks: list = []
_key_parts: list = []  # [(part, reads, headers)], see `vary_on`
_extra_reads: list = []  # the cache keys the parts read


def vary_on(part, reads=(), headers=()) -> None:
    """Make `part(request, found)` (a short string: the markets app's market) part of every copy's and fragment's
    key, as the URL is; `reads`: cache keys it needs, read with the page's versions (`found`: those cached);
    `headers`: the request headers it depends on, added to public answers' `Vary` (for a CDN)."""
    if all(entry[0] is not part for entry in _key_parts):
        _key_parts.append((part, tuple(reads), tuple(headers)))
        _extra_reads.extend(reads)


def variant_key(request, found=None) -> str:
    """What the parts registered with `vary_on` make of this request (a kept fragment's key takes it too)."""
    variant = getattr(request, "_page_cache_variant", None)
    if variant is None:
        found = request_reads(request) if found is None else found
        variant = ":".join(part(request, found) for part, _reads, _headers in _key_parts)
        request._page_cache_variant = variant
    return variant


def on_copy_served(callback) -> None:
    """Have `callback(request)` called whenever a cached copy answers a request (a hit, a shopper's shared copy):
    the view did not run, so whatever it does for every visit besides rendering (counting a search) is done
    there."""
    if callback not in _copy_served_callbacks:
        _copy_served_callbacks.append(callback)


def _copy_served(request) -> None:
    for callback in _copy_served_callbacks:
        try:
            callback(request)
        except Exception:  # noqa: BLE001 - the page is served whatever a bookkeeping callback does
            logger.exception("A page cache callback failed")


def is_anonymous_visitor(request) -> bool:
    """Whether this request may be answered with (and may fill) the shared copy of a page.

    Decided from cookies alone, before the session is read: a visitor with a session has a cart, a login or
    something else of their own; one with a `messages` cookie has a message waiting for them.
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and not getattr(request, "is_dummy", False)  # a Wagtail preview
        and not getattr(request, "is_storefront_preview", False)
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
    )


def decide_cacheability(request, response) -> None:
    """A catalog view's answer: public for an anonymous visitor, `private, no-store` for anyone else."""
    if response.status_code == 200 and is_anonymous_visitor(request) and not response.cookies:
        patch_cache_control(
            response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, s_maxage=settings.PAGE_CACHE_S_MAXAGE
        )
        patch_vary_headers(response, ["Cookie", *(h for _part, _reads, headers in _key_parts for h in headers)])
    else:
        make_private(response)


def make_private(response) -> None:
    """`Cache-Control: private, no-store` (and Django's other never-cache directives), whatever was there."""
    response.headers.pop("Cache-Control", None)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)


class CacheablePageMixin:
    """For a Wagtail page model of the catalog: public for anonymous visitors, never in a preview.

    `shared_with_shoppers`: the page differs between visitors only in the header's cart (`PERSONAL_TEMPLATE`),
    so its public copy is marked to be given to shoppers with a cart with their own cart put in
    (`SharedCopyMiddleware`).
    """

    shared_with_shoppers = False

    def serve(self, request, *args, **kwargs):
        request.page_shared_with_shoppers = self.shared_with_shoppers
        response = super().serve(request, *args, **kwargs)
        decide_cacheability(request, response)
        return response

    def serve_preview(self, request, mode_name):
        request.is_storefront_preview = True
        return super().serve_preview(request, mode_name)

    def get_view_restrictions(self):
        """Wagtail's check, skipped (no query) while no page of the shop has a view restriction at all (as the
        routing found when it routed this page, `view_restrictions_possible`, or else as cached)."""
        possible = getattr(self, "view_restrictions_possible", None)
        if not (view_restrictions_exist() if possible is None else possible):
            none = PageViewRestriction.objects.none()
            none._result_cache = []  # known empty: iterating it compiles no SQL
            return none
        return super().get_view_restrictions()


def view_restrictions_exist(request=None) -> bool:
    """Whether any page has a view restriction (cached, read with the request's other reads when given; a
    restriction's save or deletion clears it and purges every page, `_restrictions_changed`)."""
    exist = request_reads(request).get(RESTRICTIONS_KEY) if request is not None else cache.get(RESTRICTIONS_KEY)
    if exist is None:
        exist = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, exist, timeout=None)
    return exist


def _restrictions_changed(**kwargs) -> None:
    """A page restricted (or no longer): every cached copy, route and fragment may have been made without it."""
    cache.delete(RESTRICTIONS_KEY)
    transaction.on_commit(purge_everything)


def cacheable(view=None, *, shared_with_shoppers=False):
    """Decorator for a catalog view that is not a Wagtail page (the search page); `shared_with_shoppers` as on
    `CacheablePageMixin`."""
    if view is None:
        return functools.partial(cacheable, shared_with_shoppers=shared_with_shoppers)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.page_shared_with_shoppers = shared_with_shoppers
        response = view(request, *args, **kwargs)
        decide_cacheability(request, response)
        return response

    return wrapped


def _version_key(path: str) -> str:
    return "page-version:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def _page_key(request, version: str, kind: str = "page", found=None) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()} {variant_key(request, found)}"
    return f"{kind}:{version}:" + hashlib.sha256(url.encode()).hexdigest()[:40]


def _is_public(response) -> bool:
    control = response.get("Cache-Control", "")
    return "public" in control and "private" not in control and "no-store" not in control


def request_reads(request) -> dict:
    """What every catalog view reads from the cache, in one round trip, kept for the request (a GET or HEAD:
    nothing it does moves them): the generation, the version of this request's path, every fragment family's
    version, the sites (`storefront.routing`) and whether any view restriction exists. A value not cached is
    missing from the dict."""
    reads = getattr(request, "_page_cache_reads", None)
    if reads is None:
        keys = [
            GENERATION_KEY,
            _version_key(request.path),
            *map(_fragment_version_key, FRAGMENT_FAMILIES),
            SITES_KEY,
            RESTRICTIONS_KEY,
            *_extra_reads,
        ]
        reads = cache.get_many(keys)
        if request.method in ("GET", "HEAD"):
            request._page_cache_reads = reads
    return reads


def _versions(request, reads=None) -> str:
    reads = request_reads(request) if reads is None else reads
    return f"{reads.get(GENERATION_KEY, 0)}.{reads.get(_version_key(request.path), 0)}"


def current_key(request) -> str:
    """The cache key of this URL's public copy as of now: the copy, the shopper's shared copy and the page's
    fragments (`storefront.page_fragments`) go by it."""
    return _page_key(request, _versions(request))


def layout_key(request) -> str:
    """A key for what this URL shows around its content (navigation, language links, the shop's name): stale when
    a page is published, unpublished or moved or everything is purged, not when a product changes."""
    reads = request_reads(request)
    versions = f"{reads.get(GENERATION_KEY, 0)}.{reads.get(_fragment_version_key('content'), 0)}"
    return _page_key(request, versions, kind="layout")


def _anonymous_key(request) -> str:
    """`current_key` for `PageCacheMiddleware`, reading only what a hit needs (the others are read if it misses)."""
    if hasattr(request, "_page_cache_reads"):
        return current_key(request)
    found = cache.get_many([GENERATION_KEY, _version_key(request.path), *_extra_reads])
    return _page_key(request, _versions(request, found), found=found)


def path_key(request, name: str) -> str:
    """A key for something of this request's path (its query string aside) that is stale whenever the path's
    cached copies are: purged with them (`purge_urls`, `purge_everything`)."""
    where = f"{request.get_host()}{request.path}"
    return f"{name}:{_versions(request)}:" + hashlib.sha256(where.encode()).hexdigest()[:40]


def may_share_public_copy(request) -> bool:
    """Whether this visitor with a session may get a public copy with their own cart put in: not signed in
    (staff get Wagtail's user bar, customers their account), no message waiting, not a preview."""
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not is_anonymous_visitor(request)
        and not request.COOKIES.get(MESSAGES_COOKIE)  # an emptied one (a message shown) may linger
        and not getattr(request, "is_dummy", False)
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_storefront_preview", False)
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
        and not request.user.is_authenticated
        and SESSION_MESSAGES_KEY not in request.session
    )


def shared_copy(request):
    """The cached public copy of this page with its personal part rendered for this visitor (`X-Page-Cache:
    shared`), or None: not allowed (`may_share_public_copy`), no public copy cached right now, or one of a page
    that is not `shared_with_shoppers`."""
    if not may_share_public_copy(request):
        return None
    cached = cache.get(current_key(request))
    if cached is None or not getattr(cached, "shared_with_shoppers", False):
        return None
    content = cached.content.decode(cached.charset)
    start, end = content.find(PERSONAL_START), content.find(PERSONAL_END)
    if start < 0 or end < start:
        return None
    personal = render_to_string(PERSONAL_TEMPLATE, request=request)
    response = HttpResponse(
        content[: start + len(PERSONAL_START)] + personal + content[end:], content_type=cached["Content-Type"]
    )
    response[HIT_HEADER] = "shared"
    return response


class PageCacheMiddleware:
    """Serves and stores the public copies of pages (see the module docstring). Sits above the session,
    CSRF and message middleware, so a hit reads no session and touches neither the database nor the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_ENABLED and is_anonymous_visitor(request)):
            return self.get_response(request)
        key = _anonymous_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            _copy_served(request)
            return cached
        response = self.get_response(request)
        if _is_public(response) and response.cookies:
            # A shared cache must never hand one visitor's cookie to another: a template asked for one.
            logger.warning("A public page set cookies (%s): sent as private", ", ".join(response.cookies))
            make_private(response)
            return response
        if (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and _is_public(response)
            and is_anonymous_visitor(request)
        ):
            response[HIT_HEADER] = "miss"
            response.shared_with_shoppers = getattr(request, "page_shared_with_shoppers", False)
            cache.set(key, response, settings.PAGE_CACHE_S_MAXAGE)
        return response


class SharedCopyMiddleware:
    """Answers a shopper with a cart with the public copy of a page that differs only in the header's cart,
    their own cart rendered into it (`shared_copy`): no URL resolving, routing, view or page query, one read of
    the cached copy and one of the cart's numbers (`cart.cart.Cart.summary`).

    Sits below the session, authentication, locale and message middleware (it needs to know who is asking and
    in which language) and above the views; the answer is `private, no-store`, like every page of a shopper.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = shared_copy(request)
        if response is None:
            return self.get_response(request)
        make_private(response)
        _copy_served(request)
        return response


def generation() -> str:
    """The token `purge_everything()` changes: part of the key of fragments that every page shows (navigation)."""
    return str(cache.get(GENERATION_KEY) or 0)


def fragment_versions(*names: str, request=None) -> str:
    """The versions of these fragment families, for a cached fragment's key: "content" changes whenever a page is
    published, unpublished or moved or an image changes (`products.cache`), "products" whenever a product's
    price, stock or "for sale" changes; `purge_everything()` changes them all. Given the request, read with the
    page's own versions, once for the request."""
    keys = [GENERATION_KEY] + [_fragment_version_key(name) for name in names]  # `purge_everything` drops them too
    if request is not None and set(names) <= set(FRAGMENT_FAMILIES):
        found = request_reads(request)
    else:
        found = cache.get_many(keys)
    return ".".join(str(found.get(key, 0)) for key in keys)


def _fragment_version_key(name: str) -> str:
    return f"fragment-version:{name}"


def bump_fragment_version(name: str) -> None:
    cache.set(_fragment_version_key(name), uuid.uuid4().hex[:12], timeout=None)


def connect() -> None:
    post_save.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="page_cache.restriction_saved")
    post_delete.connect(
        _restrictions_changed, sender=PageViewRestriction, dispatch_uid="page_cache.restriction_deleted"
    )


def purge_everything() -> None:
    """Drop every cached page of this shop (not the CDN's: it is given the URLs that changed)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    cache.delete_many([SITES_KEY, RESTRICTIONS_KEY])  # read again too (a test's rolled-back rows never signal)


def purge_urls(urls) -> list[str]:
    """Drop the cached copies of these URLs (absolute or paths; any query string of theirs too) here and in
    the CDN. Returns the paths purged, sorted."""
    urls = sorted(set(urls))
    paths = sorted({urlsplit(url).path for url in urls})
    if paths:
        token = uuid.uuid4().hex
        cache.set_many({_version_key(path): token for path in paths}, timeout=None)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and urls:
        purge_urls_from_cache(urls)
    logger.debug("Purged %d paths from the page cache", len(paths))
    return paths
