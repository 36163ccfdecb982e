"""The search page and its suggestions endpoint, per locale (both live under i18n_patterns)."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from wagtail.models import Locale

from markets import shown
from markets.formatting import format_price
from products.models import PRODUCTS_PER_PAGE
from storefront import page_fragments
from storefront.page_cache import cacheable
from storefront.page_fragments import deferred

from . import hits
from .forms import SearchFiltersForm
from .query import (
    MAX_COUNTED_RESULTS,
    MAX_QUERY_LENGTH,
    CountedPaginator,
    clean_query,
    search_products,
    suggest_products,
)


@require_GET
@cacheable(shared_with_shoppers=True)  # the same results for everyone: a repeated search is served from the cache
def search(request):
    query = clean_query(request.GET.get("q", ""))
    # Looked up only if the content is rendered, not when it is kept (`storefront.page_fragments`).
    locale = deferred(Locale.get_active)
    form = deferred(lambda: SearchFiltersForm(request.GET, locale=locale))
    requested_page = request.GET.get("page", "1")
    if query.terms and not (requested_page.isdigit() and int(requested_page) > 1):
        hits.record(query.text)  # a first page asked for: for the editors' "popular searches"

    context = {
        "search_query": query.text,
        "query": query,
        "max_query_length": MAX_QUERY_LENGTH,
        "form": form,
        "page_fragments": page_fragments.for_page(request, content=True),
    }
    if not (context["page_fragments"] and context["page_fragments"].has(page_fragments.CONTENT)):
        context.update(_results(query, locale, form, requested_page))
    # else the results are in the page's content, kept in the cache: nothing to search
    return TemplateResponse(request, "search/search.html", context)


def _results(query, locale, form, requested_page) -> dict:
    found = search_products(query, locale, **form.filters())
    paginator = CountedPaginator(found.results, PRODUCTS_PER_PAGE, min(found.count, MAX_COUNTED_RESULTS))
    page = paginator.get_page(requested_page)
    return {
        # Promotions head the first page only; they are never among the results.
        "promoted": found.promoted if page.number == 1 else [],
        "search_results": page,
        "result_count": found.count + len(found.promoted),
        "more_results_than": MAX_COUNTED_RESULTS if found.count > MAX_COUNTED_RESULTS else None,
    }


@require_GET
@cache_control(max_age=60)
@vary_on_headers("Cookie", "Accept-Language")  # the prices are in the shopper's market (markets.resolution)
def suggest(request):
    """{"query", "results": [{"title", "url", "price"}], "status"}: suggestions as the shopper types, each price
    the lowest of the product's in the shopper's market ("" where it has none there)."""
    locale = Locale.get_active()
    query = clean_query(request.GET.get("q", ""))
    pages = list(suggest_products(query, locale))
    results = []
    for page in pages:
        card = shown.card_price(request, page, pages)
        price = format_price(card["price"]) if card is not None else ""
        results.append({"title": page.title, "url": page.get_url(request), "price": price})
    status = ngettext("%(count)d suggestion", "%(count)d suggestions", len(results)) % {"count": len(results)}
    return JsonResponse({"query": query.text, "results": results, "status": status})
