"""Product search (a first version: Wagtail's search over the current locale's live product pages)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale

from products.models import ProductPage

MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = ProductPage.objects.none()
    if query:
        pages = ProductPage.objects.live().filter(locale=Locale.get_active(), alias_of__isnull=True)
        results = pages.search(query)
    paginator = Paginator(results, 24)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(request, "search/search.html", {"search_query": query, "search_results": page})
