"""Site-wide template tags, in the layout of every page: the language switcher, hreflang and canonical links,
the localized home URL and the top categories of the header and footer."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from products.models import ProductIndexPage
from storefront import page_cache, page_fragments

# The site's home pages and top categories are in every page's header and footer: kept in the cache, keyed by
# the page cache's generation, which publishing, unpublishing or moving a home page or a top category changes.
NAVIGATION_TTL = 300

register = template.Library()


def _request_cache(request) -> dict:
    """Per-request memo, so the header, switcher and hreflang tags share their few queries."""
    if not hasattr(request, "_site_tags_cache"):
        request._site_tags_cache = {}
    return request._site_tags_cache


def _translations(request, page) -> dict:
    """{language_code: page} for the live translations of `page` (itself included), aliases marked."""
    memo = _request_cache(request)
    key = ("translations", page.pk)
    if key not in memo:
        # Cached until the next publication, unpublication or move of any page (the "content" version).
        shared_key = f"translations:{page_cache.fragment_versions('content')}:{page.translation_key}"
        translations = cache.get(shared_key)
        if translations is None:
            translations = {
                p.locale.language_code: p
                for p in Page.objects.filter(translation_key=page.translation_key)
                .live()
                .select_related("locale")
                .only("id", "title", "url_path", "path", "depth", "alias_of_id", "locale__language_code")
            }
            cache.set(shared_key, translations, NAVIGATION_TTL)
        memo[key] = translations
    return memo[key]


def _homes(request) -> dict:
    """{language_code: home page} for the site's live home pages in every locale."""
    memo = _request_cache(request)
    if "homes" not in memo:
        site = Site.find_for_request(request)
        key = f"nav-homes:{page_cache.generation()}:{site.pk}" if site else None
        homes = cache.get(key) if key else {}
        if homes is None:
            homes = _translations(request, site.root_page)
            cache.set(key, homes, NAVIGATION_TTL)
        memo["homes"] = homes
    return memo["homes"]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language keeping the shopper on the same page, or that locale's home when there is none."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    links = []
    if isinstance(page, Page) and page.pk:
        translations, homes = _translations(request, page), _homes(request)
        for code, name in settings.LANGUAGES:
            target = translations.get(code) or homes.get(code)
            url = target.get_url(request) if target else f"/{code}/"
            links.append({"code": code, "name": name, "url": url, "current": code == current})
    else:
        path = request.get_full_path()
        for code, name in settings.LANGUAGES:
            links.append({"code": code, "name": name, "url": translate_url(path, code), "current": code == current})
    return {"links": links, "current": current}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """`<link rel="alternate" hreflang>` for every live, translated version of this page."""
    request = context["request"]
    page = context.get("page")
    links = []
    if isinstance(page, Page) and page.pk:
        for code, translated in sorted(_translations(request, page).items()):
            if translated.alias_of_id is None:
                links.append({"code": code, "url": request.build_absolute_uri(translated.get_url(request))})
    else:
        path = request.get_full_path()
        for code, _name in settings.LANGUAGES:
            links.append({"code": code, "url": request.build_absolute_uri(translate_url(path, code))})
    return {"links": links}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's one address for search engines: its own URL, without sorting or filters, but with the page
    number of a listing past its first page. Empty outside Wagtail pages (cart, checkout and search say noindex)."""
    request = context["request"]
    page = context.get("page")
    if not (isinstance(page, Page) and page.pk):
        return ""
    url = request.build_absolute_uri(page.get_url(request))
    number = getattr(context.get("products"), "number", 1)
    return f"{url}?page={number}" if number > 1 else url


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    request = context["request"]
    language = translation.get_language()
    home = _homes(request).get(language)
    return (home.get_url(request) if home else None) or f"/{language}/"


@register.simple_tag(takes_context=True)
def top_categories(context):
    """The live categories under this locale's home, for the header navigation."""
    request = context["request"]
    memo = _request_cache(request)
    if "top_categories" not in memo:
        home = _homes(request).get(translation.get_language())
        key = f"nav-categories:{page_cache.generation()}:{home.pk}" if home else None
        categories = cache.get(key) if key else []
        if categories is None:
            categories = list(
                home.get_children()
                .live()
                .type(ProductIndexPage)
                .filter(alias_of__isnull=True)
                .only("id", "title", "url_path", "path", "depth", "locale_id")
            )
            cache.set(key, categories, NAVIGATION_TTL)
        memo["top_categories"] = categories
    return memo["top_categories"]


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the root, as found by the routing (`storefront.routing`) or else queried."""
    ancestors = getattr(page, "route_ancestors", None)
    if ancestors is None:
        ancestors = page.get_ancestors()
    return [ancestor for ancestor in ancestors if not ancestor.is_root()]


class PageFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        fragments = context.get("page_fragments")
        if fragments is None or not fragments.kept(self.name):
            return self.nodelist.render(context)
        html = fragments.get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            fragments.keep(self.name, html)
            return html
        return page_fragments.with_personal(html, lambda: _render_personal(context))


def _render_personal(context) -> str:
    template_ = context.template.engine.get_template(page_cache.PERSONAL_TEMPLATE)
    return template_.render(context)


@register.tag
def page_fragment(parser, token):
    """`{% page_fragment "name" %}…{% endpage_fragment %}`: a part of the layout that is the same for every
    visitor of this URL, taken from the cache when the view allows it (`storefront.page_fragments`), with the
    header's personal part rendered for this visitor."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("page_fragment takes one quoted name")
    name = bits[1][1:-1]
    if name not in page_fragments.NAMES:
        raise template.TemplateSyntaxError(f"page_fragment {name!r} is not one of {page_fragments.NAMES}")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(name, nodelist)
