"""Searches counted for the editors' "popular searches" report (Wagtail's Reports › Search terms), cheaply.

Wagtail counts a search by updating one `QueryDailyHits` row per query and day: three queries and a write on
every search, and on a busy day every worker queues for the lock on the same few rows. Here a search costs one
round trip to Redis instead (`record`: HINCRBY on the day's hash), and `flush` (a Celery beat task, every minute)
adds the counts to Wagtail's rows in one transaction. Without Redis (`make run`, the SQLite tests) a search is
counted in the database at once, as Wagtail does.

A search page served from the page cache (an anonymous visitor's repeat of a search) runs no view; it is counted
too, by `count_cached_copy`, which the page cache calls for every copy it serves (`page_cache.on_copy_served`).

A flush renames the day's hash before reading it, so searches counted meanwhile go to a new hash; a renamed hash
left by a flush that died is read by the next one. The renamed hash is deleted only once its counts are
committed: a flush that dies before that leaves it for the next one, nothing is lost; one that dies between the
commit and the delete counts that minute twice, which a popularity report can bear.
"""

import functools
import logging
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from .query import clean_query

logger = logging.getLogger(__name__)

DAYS_KEY = "search-hits:days"  # the days with counts waiting
PENDING = "search-hits:{day}"  # {normalised query: count}
FLUSHING = "search-hits:flushing:{day}"


def _redis():
    """The raw Redis client of the cache, or None (no Redis: the local memory cache)."""
    if not settings.REDIS_URL:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def record(text: str, day: date | None = None) -> None:
    """Count one search for `text` (what the shopper typed, cleaned)."""
    text = normalise_query_string(text)
    if not text:
        return
    day = (day or timezone.localdate()).isoformat()
    if settings.REDIS_URL:
        try:  # a paused Redis (`storefront.cache_backend`) refuses even to hand out its client
            pipeline = _redis().pipeline(transaction=False)
            pipeline.hincrby(cache.make_key(PENDING.format(day=day)), text, 1)
            pipeline.sadd(cache.make_key(DAYS_KEY), day)
            pipeline.execute()
            return
        except Exception:  # noqa: BLE001 - Redis down: count it the slow way rather than lose it
            logger.warning("Redis unavailable: a search is counted in the database", exc_info=True)
    _add(day, {text: 1})


def flush() -> int:
    """Add the counts waiting in Redis to Wagtail's daily hits; how many searches that was."""
    client = _redis()
    if client is None:
        return 0
    days_key = cache.make_key(DAYS_KEY)
    total = 0
    for raw_day in sorted(client.smembers(days_key)):
        day = raw_day.decode()
        pending, flushing = cache.make_key(PENDING.format(day=day)), cache.make_key(FLUSHING.format(day=day))
        if not client.exists(flushing):  # else: left by a flush that died; read it first
            if not client.exists(pending):
                client.srem(days_key, day)
                continue
            client.rename(pending, flushing)  # searches counted from now on start a new hash
        counts = {text.decode(): int(count) for text, count in client.hgetall(flushing).items()}
        with transaction.atomic():
            _add(day, counts)
        client.delete(flushing)  # written: a flush from now on will not read it again
        total += sum(counts.values())
        if not client.exists(pending):
            client.srem(days_key, day)
    return total


def _add(day: str, counts: dict[str, int]) -> None:
    for text, count in counts.items():
        query = Query.get(text)
        daily, _ = QueryDailyHits.objects.get_or_create(query=query, date=day)
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + count)


@functools.cache
def _search_paths() -> dict[str, str]:
    """{path of the search page: its language}, in every language the shop speaks."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[reverse("search")] = code
    return paths


def count_cached_copy(request) -> None:
    """Count a search whose page came from the page cache (the first page of results only, as the view does)."""
    if request.path not in _search_paths() or request.GET.get("page", "1") not in ("", "1"):
        return
    query = clean_query(request.GET.get("q", ""))
    if query.terms:
        record(query.text)
