"""The search page and its suggestions endpoint, per locale (both live under i18n_patterns)."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from products.models import PRODUCTS_PER_PAGE
from products.templatetags.shop_tags import money
from storefront.page_cache import cacheable

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
    locale = Locale.get_active()
    query = clean_query(request.GET.get("q", ""))
    form = SearchFiltersForm(request.GET, locale=locale)
    filters = form.filters()
    found = search_products(query, locale, **filters)
    paginator = CountedPaginator(found.results, PRODUCTS_PER_PAGE, min(found.count, MAX_COUNTED_RESULTS))
    page = paginator.get_page(request.GET.get("page"))
    promoted = found.promoted
    result_count = found.count + len(promoted)
    if page.number == 1:
        if query.terms:
            hits.record(query.text)  # for the editors' "popular searches"
    else:
        promoted = []  # promotions head the first page only; they are never among the results
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query.text,
            "query": query,
            "max_query_length": MAX_QUERY_LENGTH,
            "form": form,
            "promoted": promoted,
            "search_results": page,
            "result_count": result_count,
            "more_results_than": MAX_COUNTED_RESULTS if found.count > MAX_COUNTED_RESULTS else None,
        },
    )


@require_GET
@cache_control(max_age=60)
def suggest(request):
    """{"query", "results": [{"title", "url", "price"}], "status"}: suggestions as the shopper types."""
    locale = Locale.get_active()
    query = clean_query(request.GET.get("q", ""))
    results = [
        {"title": page.title, "url": page.get_url(request), "price": money(page.product.current_price)}
        for page in suggest_products(query, locale)
    ]
    status = ngettext("%(count)d suggestion", "%(count)d suggestions", len(results)) % {"count": len(results)}
    return JsonResponse({"query": query.text, "results": results, "status": status})
