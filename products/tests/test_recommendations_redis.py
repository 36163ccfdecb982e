"""The Redis recommender against this machine's Redis: recording, the cap, round trips, keys, same ranking as SQL."""

import random
import threading

import pytest
import redis
from django.core.management import call_command

from checkout.models import Order
from checkout.orders.purchases import record_paid_order
from checkout.tests.factories import order_with
from products.recommender import RECORD_SCRIPT, DatabaseRecommender, RedisRecommender, get_recommender
from products.tests import factories
from products.tests.recommendation_helpers import (
    RoundTrips,
    delete_under,
    forget_redis_clients,
    keys_under,
    unique_prefix,
)

pytestmark = [pytest.mark.django_db, pytest.mark.services]


@pytest.fixture
def redis_url(settings):
    return settings.REDIS_URL


@pytest.fixture
def redis_client(redis_url):
    connection = redis.Redis.from_url(redis_url)
    yield connection
    connection.close()


@pytest.fixture
def prefix(settings, redis_client):
    """A key prefix no other test (or helper) uses; its keys are deleted afterwards."""
    value = unique_prefix()
    settings.RECOMMENDATIONS_KEY_PREFIX = value
    forget_redis_clients()
    yield value
    forget_redis_clients()
    delete_under(redis_client, value)


@pytest.fixture
def recs(redis_url, prefix):
    recommender = RedisRecommender.from_url(redis_url, prefix=prefix)
    yield recommender
    recommender.client.close()


def products(count):
    return [factories.ProductFactory() for _ in range(count)]


def scores(redis_client, recs, product):
    return {int(member): score for member, score in redis_client.zrange(recs.key(product.pk), 0, -1, withscores=True)}


def test_with_redis_url_redis_answers(prefix):
    recommender = get_recommender()

    assert isinstance(recommender, RedisRecommender)
    assert recommender.prefix == prefix
    assert get_recommender() is recommender  # one client per process


def test_a_paid_order_is_recorded_once_in_every_product_set(redis_client, prefix):
    # given a paid order of three products
    a, b, c = products(3)
    order = order_with(a, b, c)
    recs = get_recommender()

    # when its payment records it, and a redelivered payment event records it again
    first = record_paid_order(order)
    second = record_paid_order(order)

    # then it counted once, both ways, for every pair
    assert (first, second) == (True, False)
    assert scores(redis_client, recs, a) == {b.pk: 1.0, c.pk: 1.0}
    assert scores(redis_client, recs, b) == {a.pk: 1.0, c.pk: 1.0}
    assert scores(redis_client, recs, c) == {a.pk: 1.0, b.pk: 1.0}


def test_another_order_of_the_same_products_adds_up(redis_client, prefix):
    a, b = products(2)
    record_paid_order(order_with(a, b))
    record_paid_order(order_with(a, b))

    assert scores(redis_client, get_recommender(), a) == {b.pk: 2.0}


def test_a_single_product_order_records_nothing(redis_client, prefix):
    (a,) = products(1)

    assert record_paid_order(order_with(a)) is False
    assert keys_under(redis_client, prefix) == set()


def test_recording_is_one_round_trip(recs, monkeypatch):
    # given a connection already open, and a counter on what the client sends
    recs.client.ping()
    trips = RoundTrips(monkeypatch)

    # when an order of five products (twenty pair updates) is recorded
    recorded = recs.record([1, 2, 3, 4, 5], once_key="order-1")

    # then one EVAL went in one round trip
    assert recorded is True
    assert (trips.sends, trips.commands) == (1, ["EVAL"])


def test_suggesting_is_one_round_trip(recs, monkeypatch):
    recs.record([1, 2, 3])
    recs.record([2, 4])
    recs.client.ping()
    trips = RoundTrips(monkeypatch)

    ranked = recs.suggest([1, 2], 4)

    assert ranked == [3, 4]
    assert (trips.sends, trips.commands) == (1, ["EVAL"])


def test_each_set_is_capped_to_the_top_scores(redis_client, redis_url, prefix):
    # given a cap of 3 and product 1 bought with 2 (5 times), 3 (4), 4 (3), 5 (2), 6 (1)
    recs = RedisRecommender.from_url(redis_url, prefix=prefix, cap=3)
    for partner, times in ((2, 5), (3, 4), (4, 3), (5, 2), (6, 1)):
        for _ in range(times):
            recs.record([1, partner])

    # then product 1 keeps its three best partners only
    assert redis_client.zcard(recs.key(1)) == 3
    kept = redis_client.zrange(recs.key(1), 0, -1, desc=True, withscores=True)
    assert kept == [(b"2", 5.0), (b"3", 4.0), (b"4", 3.0)]
    assert recs.suggest([1], 10) == [2, 3, 4]
    # and a big order never grows a set past the cap either
    recs.record(list(range(10, 30)))
    assert redis_client.zcard(recs.key(10)) == 3


def test_suggesting_creates_no_key(redis_client, recs, prefix):
    recs.record([1, 2, 3])
    recs.record([3, 4])
    before = keys_under(redis_client, prefix)

    recs.suggest([1, 3], 5)
    recs.suggest([2], 5)

    assert keys_under(redis_client, prefix) == before == {recs.key(pk).encode() for pk in (1, 2, 3, 4)}


def test_concurrent_suggestions_do_not_interfere(recs):
    # given two products with disjoint partners
    for partner in (11, 12, 13):
        recs.record([1, partner])
    for partner in (21, 22):
        recs.record([2, partner])
    answers = {1: [], 2: []}

    def ask(product_id):
        for _ in range(200):
            answers[product_id].append(tuple(recs.suggest([product_id], 5)))

    # when both are asked for at the same time, many times over
    threads = [threading.Thread(target=ask, args=(pk,)) for pk in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then each always got its own answer
    assert set(answers[1]) == {(11, 12, 13)}
    assert set(answers[2]) == {(21, 22)}


def test_ties_at_the_cut_are_broken_by_product_id(recs):
    # Redis orders equal scores by member *string* ("10" < "9"); the ranking must still be by id.
    for partner in (9, 10, 11, 100):
        recs.record([1, partner])
    recs.record([1, 50])
    recs.record([1, 50])

    assert recs.suggest([1], 3) == [50, 9, 10]


def test_redis_and_the_database_rank_alike_for_the_same_orders(redis_client, prefix):
    # given 120 orders of 2-5 products among 15 (under the cap), some of them never paid
    rng = random.Random(6)
    catalog = products(15)
    statuses = [Order.Status.PAID] * 6 + [Order.Status.SHIPPED] * 2 + [Order.Status.PENDING, Order.Status.CANCELLED]
    for _ in range(120):
        order = order_with(*rng.sample(catalog, rng.randint(2, 5)), status=rng.choice(statuses))
        record_paid_order(order)
    redis_recs, database = get_recommender(), DatabaseRecommender()
    inputs = [[product.pk] for product in catalog] + [
        [product.pk for product in rng.sample(catalog, size)] for size in (2, 3, 4, 6) for _ in range(5)
    ]

    # then every single product and every cart gets the same full ranking, and the same top 3
    for product_ids in inputs:
        assert redis_recs.suggest(product_ids, 20) == database.suggest(product_ids, 20), product_ids
        assert redis_recs.suggest(product_ids, 3) == database.suggest(product_ids, 3), product_ids
    assert any(len(database.suggest(ids, 20)) > 5 for ids in inputs)  # the comparison is not trivially empty


def test_rebuild_restores_the_truth_and_touches_no_other_prefix(redis_client, prefix, capsys):
    # given paid orders, Redis scores that drifted, a stray key under this prefix, and someone else's key
    a, b, c = products(3)
    for items in ((a, b), (a, b, c), (b, c)):
        order_with(*items)
    order_with(a, c, status=Order.Status.CANCELLED)
    order_with(a)
    recs = get_recommender()
    recs.record([a.pk, c.pk])
    recs.record([a.pk, c.pk])
    redis_client.set(f"{prefix}:bought_with:999999", "junk")
    other = f"{unique_prefix()}:bought_with:1"
    redis_client.zadd(other, {"2": 7})

    try:
        # when
        call_command("rebuild_recommendations", batch=2)

        # then the scores are the paid orders', the junk is gone, the other prefix is untouched
        assert scores(redis_client, recs, a) == {b.pk: 2.0, c.pk: 1.0}
        assert scores(redis_client, recs, b) == {a.pk: 2.0, c.pk: 2.0}
        assert scores(redis_client, recs, c) == {a.pk: 1.0, b.pk: 2.0}
        assert not redis_client.exists(f"{prefix}:bought_with:999999")
        assert redis_client.zrange(other, 0, -1, withscores=True) == [(b"2", 7.0)]
        # deleted: A's and C's drifted sets and the junk key
        assert capsys.readouterr().out == (
            "Deleted 3 keys; recorded 3 of 4 paid orders (orders with a single product have no pairs).\n"
        )
    finally:
        redis_client.unlink(other)


def test_after_a_rebuild_a_late_payment_does_not_count_twice(redis_client, prefix):
    a, b = products(2)
    order = order_with(a, b)
    call_command("rebuild_recommendations", stdout=None)

    assert record_paid_order(order) is False
    assert scores(redis_client, get_recommender(), a) == {b.pk: 1.0}


def test_the_record_script_is_what_recording_sends(recs):
    script, keys, args = recs.record_command([3, 1, 2], once_key=7)

    assert script == RECORD_SCRIPT
    assert keys == [recs.marker_key(7), recs.key(1), recs.key(2), recs.key(3)]
    assert args[0] == "1" and args[-3:] == [1, 2, 3]


@pytest.mark.parametrize(("code", "teapot"), [("en", "Teapot"), ("es", "Tetera"), ("ru", "Заварник")])
def test_a_product_page_shows_what_redis_suggests(client, prefix, catalog, code, teapot):
    # given a teapot bought with the kettle according to Redis only (no order in the database says so)
    teapot_page = factories.add_product_page(catalog["category"]["en"], factories.ProductFactory(name="Teapot"))
    for other_code, title in (("es", "Tetera"), ("ru", "Заварник")):
        factories.translate(teapot_page, other_code, title=title)
    kettle = catalog["kettle"][code]
    get_recommender().record([kettle.product_id, teapot_page.product_id])
    kettle.body = [("bought_together", {"heading": "", "count": 4, "fallback_products": []})]
    factories.publish(kettle)

    html = client.get(kettle.url).content.decode()

    assert f'<h3 class="product-card__title">{teapot}</h3>' in html
    assert html.count('<h3 class="product-card__title">') == 1
