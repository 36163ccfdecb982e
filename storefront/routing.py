"""Wagtail's routing of a page in one query, and its site from the cache.

Wagtail finds a page by walking its URL one segment at a time: the site (a query), the home page in the active
language (two), then for each segment the child with that slug and its specific row (two per level), then the
ancestors again for the view restrictions and the breadcrumbs. For a product page that is eight round trips
before the view runs. Here:

- `SiteMiddleware` picks the request's site from the list of sites kept in the cache (cleared when a site is
  saved or deleted), with Wagtail's own rules (`get_site_for_hostname`), and leaves it where
  `Site.find_for_request` looks (`request._wagtail_site`).
- `serve` finds the page with one query before handing over to Wagtail's own `serve` view: the home page of the
  active language (its address is cached under the page cache's generation, which publishing, unpublishing or
  moving a home page changes) and every page named by a segment below it, each joined to its specific table
  (the reverse one-to-one of multi-table inheritance) and its locale. The chain is walked as Wagtail walks it:
  each page the child with that slug of the one before. The result, with each page's parent and ancestors set
  on it (`route_ancestors`), is left where `Page.route_for_request` looks (`request._wagtail_route_for_request`),
  so Wagtail's hooks, view restrictions and `serve()` run unchanged. A page type with its own `route()` (e.g.
  `RoutablePageMixin`) or a segment not found leaves the request to Wagtail's walk, so a 404 or a custom route
  behaves exactly as before.

A page model may name foreign keys to fetch with it in `routing_select_related` (e.g. a product page's product).
"""

import functools
import itertools

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail import views as wagtail_views
from wagtail.models import Page, Site, get_page_models
from wagtail.url_routing import RouteResult

from storefront import page_cache

SITES_KEY = page_cache.SITES_KEY
HOME_TTL = 300


# --- The site --------------------------------------------------------------------------------------------
def _sites(request) -> list:
    sites = page_cache.request_reads(request).get(SITES_KEY)
    if sites is None:
        sites = list(Site.objects.select_related("root_page").order_by("pk"))
        cache.set(SITES_KEY, sites, timeout=None)
    return sites


def find_site(request):
    """`Site.find_for_request`'s answer (Wagtail's `get_site_for_hostname` rules) from the cached list of sites."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = str(request.get_port())

    def rank(site):
        if site.hostname == hostname and str(site.port) == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    sites = sorted((s for s in _sites(request) if s.hostname == hostname or s.is_default_site), key=rank)
    if not sites:
        return None
    if len(sites) == 1 or rank(sites[0]) in (0, 1):
        return sites[0]
    return sites[len(sites) == 2]  # the default, unless exactly one site has this hostname on another port


def forget_sites(**kwargs) -> None:
    cache.delete(SITES_KEY)


class SiteMiddleware:
    """Sets the request's Wagtail site from the cache, so that `Site.find_for_request` makes no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request._wagtail_site = find_site(request)
        except DatabaseError:
            pass  # not cached and no database: left to the view (`/health/` must still answer 503)
        return self.get_response(request)


# --- The page ----------------------------------------------------------------------------------------------
@functools.cache
def _specific_relations() -> dict:
    """{page model: its reverse one-to-one name from `Page`} for the page models that inherit `Page` directly."""
    return {
        model: model._meta.model_name
        for model in get_page_models()
        if model is not Page and list(model._meta.parents) == [Page]
    }


def _select_related() -> list[str]:
    fields = ["locale"]
    for model, name in _specific_relations().items():
        fields.append(name)
        fields.extend(f"{name}__{field}" for field in getattr(model, "routing_select_related", ()))
    return fields


def _home(site):
    """(pk, path, depth) of the site's home page in the active language (Wagtail's `root_page.localized`)."""
    language = get_supported_language_variant(translation.get_language())
    key = f"routing-home:{page_cache.generation()}:{site.pk}:{language}"
    home = cache.get(key)
    if home is None:
        root = site.root_page
        localized = (
            Page.objects.filter(translation_key=root.translation_key, locale__language_code=language, live=True)
            .values_list("pk", "path", "depth")
            .first()
        )
        home = localized or (root.pk, root.path, root.depth)
        cache.set(key, home, HOME_TTL)
    return home


def _specific(page):
    model = page.specific_class
    if model is Page:
        return page
    name = _specific_relations().get(model)
    specific = getattr(page, name, None) if name else None
    if specific is None:
        return None
    specific._state.fields_cache["locale"] = page.locale
    return specific


def find_route(request, path):
    """The `RouteResult` for `path` below the active language's home page in one query, or None when only
    Wagtail's own walk can tell (a custom `route()`, an unknown segment). Raises Http404 for a page not live."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    segments = [segment for segment in path.split("/") if segment]
    home_pk, home_path, home_depth = _home(site)
    below = Q(
        slug__in=segments,
        path__startswith=home_path,
        depth__gt=home_depth,
        depth__lte=home_depth + len(segments),
    )
    rows = list(
        Page.objects.filter(Q(pk=home_pk) | below if segments else Q(pk=home_pk)).select_related(*_select_related())
    )
    by_parent = {(row.path[: -Page.steplen], row.slug): row for row in rows if row.depth > home_depth}
    chain = [next((row for row in rows if row.pk == home_pk), None)]
    for segment in segments:
        if chain[-1] is None:
            return None
        chain.append(by_parent.get((chain[-1].path, segment)))
    if None in chain:
        return None
    chain = [_specific(page) for page in chain]
    if None in chain or any(type(page).route is not Page.route for page in chain):
        return None
    for parent, child in itertools.pairwise(chain):
        child._cached_parent_obj = parent
    for index, page in enumerate(chain):
        page.route_ancestors = chain[:index]
    page = chain[-1]
    if not page.live:
        raise Http404
    return RouteResult(page)


def cached_route(request, path):
    """`find_route`'s answer for a live page, kept in the cache under the path's page cache versions: whatever
    purges the page's cached copies (publishing, moving, unpublishing it or an ancestor, a change of its
    product) makes it be found again."""
    key = page_cache.path_key(request, "route")
    page = cache.get(key)
    if page is None:
        route = find_route(request, path)
        if route is None:
            return None
        page = route.page
        cache.set(key, page, settings.PAGE_CACHE_S_MAXAGE)
    page.view_restrictions_possible = page_cache.view_restrictions_exist(request)
    return RouteResult(page)


def serve(request, path):
    """Wagtail's `serve` view, with the page found by `cached_route` when it can."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            cached = settings.PAGE_CACHE_ENABLED and request.method in ("GET", "HEAD")
            route = cached_route(request, path) if cached else find_route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
        else:
            if route is not None:
                request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


def connect() -> None:
    post_save.connect(forget_sites, sender=Site, dispatch_uid="storefront.routing.site_saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="storefront.routing.site_deleted")
