"""Index updates Wagtail does not make by itself, run through django-tasks like Wagtail's own; and the Celery beat
task that writes down the searches counted in Redis (found by Celery's autodiscovery)."""

from celery import shared_task
from django_tasks import task
from wagtail.search.backends import get_search_backends

from products.models import ProductPage

from . import hits

CHUNK_SIZE = 500


@task()
def reindex_product_pages(page_ids: list[int]):
    """Rewrite the index entries of these product pages: their SKU or their category's title changed."""
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(page_ids), CHUNK_SIZE):
        pages = list(ProductPage.objects.filter(pk__in=page_ids[start : start + CHUNK_SIZE]).select_related("product"))
        for backend in backends:
            backend.add_bulk(ProductPage, pages)


@shared_task(name="search.tasks.flush_search_hits")
def flush_search_hits() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE, every minute): add the searches counted in Redis to the report's rows."""
    return hits.flush()
