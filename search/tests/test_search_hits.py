"""Searches are counted for the editors' report without a database write per search, cached copies included
(search/hits.py)."""

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from products.tests.factories import variant_of
from search import hits
from search.tasks import flush_search_hits
from storefront.page_cache import HIT_HEADER

from .helpers import search

pytestmark = pytest.mark.django_db


def counted(text):
    query = Query.objects.filter(query_string=text).first()
    return query.hits if query else 0


@pytest.fixture
def without_redis(settings):
    settings.REDIS_URL = ""


def test_without_redis_a_search_is_counted_at_once(client, shop, without_redis):
    search(client, "en", "Kettle")

    assert counted("kettle") == 1


def test_a_repeated_search_from_the_page_cache_is_counted_too(shop, without_redis, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = search(Client(), "es", "Hervidor")
    second = search(Client(), "es", "Hervidor")

    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")
    assert counted("hervidor") == 2  # the view once, the cached copy once


def test_a_cached_later_page_is_not_counted(rf, without_redis):
    hits.count_cached_copy(rf.get("/es/buscar/", {"q": "hervidor", "page": "2"}))
    hits.count_cached_copy(rf.get("/es/otra/", {"q": "hervidor"}))

    assert counted("hervidor") == 0


@pytest.mark.services
class TestWithRedis:
    def test_searches_wait_in_redis_then_are_written_once(self, client, shop, django_assert_max_num_queries):
        with django_assert_max_num_queries(30):
            search(client, "en", "Kettle")
        search(client, "en", "kettle ")
        search(client, "ru", "Чайник")
        assert QueryDailyHits.objects.count() == 0  # no write per search

        assert hits.flush() == 3

        assert (counted("kettle"), counted("чайник")) == (2, 1)
        assert hits.flush() == 0
        assert counted("kettle") == 2

    def test_a_search_makes_no_query_of_the_report(self, client, shop):
        search(client, "en", "mug")  # the first page of a site makes its settings row
        with CaptureQueriesContext(connection) as queries:
            search(client, "en", "Kettle")

        sqls = [query["sql"] for query in queries]
        assert [sql for sql in sqls if sql.startswith(("INSERT", "UPDATE")) or "querydailyhits" in sql] == []

    def test_counts_left_by_a_flush_that_died_are_written_by_the_next(self, shop):
        hits.record("kettle")
        hits.record("kettle")
        client = hits._redis()
        day = sorted(client.smembers(cache.make_key(hits.DAYS_KEY)))[0].decode()
        # A flush renamed the day's hash, then its worker died before writing anything.
        client.rename(cache.make_key(hits.PENDING.format(day=day)), cache.make_key(hits.FLUSHING.format(day=day)))
        hits.record("kettle")  # counted meanwhile, in a new hash

        assert hits.flush() == 2  # the left-over hash first
        assert hits.flush() == 1
        assert counted("kettle") == 3

    def test_with_redis_down_a_search_is_counted_in_the_database(self, shop, monkeypatch):
        closed = redis.Redis(port=1, socket_connect_timeout=0.2)  # nothing listens on port 1
        monkeypatch.setattr(hits, "_redis", lambda: closed)

        hits.record("kettle")

        assert counted("kettle") == 1


def test_a_shopper_with_a_cart_gets_a_repeated_search_shared_and_counted(client, shop, without_redis, settings):
    settings.PAGE_CACHE_ENABLED = True
    search(Client(), "en", "Kettle")  # an anonymous visitor's search: the public copy
    client.post(reverse("cart:add"), {"variant": variant_of(shop["mug"]["en"].product).pk, "quantity": "1"})
    client.get(reverse("cart:detail"))  # shows the "added" message

    response = search(client, "en", "Kettle")

    assert response[HIT_HEADER] == "shared"
    assert "Cart: 1 item · $8.00" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert counted("kettle") == 2


def test_the_flush_is_on_the_beat_schedule(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert flush_search_hits.name in schedule
    assert flush_search_hits.apply().result == 0  # nothing waiting (and nothing to do without Redis)
