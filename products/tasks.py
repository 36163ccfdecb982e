"""The catalog's Celery tasks (found by Celery's autodiscovery)."""

import logging

from celery import shared_task

from . import cache

logger = logging.getLogger(__name__)


@shared_task(name="products.tasks.purge_sale_edges")
def purge_sale_edges() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE, every minute): purge the pages of products whose sale started or ended."""
    purged = cache.purge_sale_edges()
    if purged:
        logger.info("Sale started or ended for %d products; their pages were purged.", len(purged))
    return len(purged)
