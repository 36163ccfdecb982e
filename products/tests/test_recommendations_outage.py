"""Redis down or hanging: suggestions come from the database quickly, recording logs and never raises.

These need no real Redis: one Redis is a closed port, the other a socket that accepts and never answers.
"""

import logging
import time

import pytest
from django.utils import translation

from checkout.orders.purchases import record_paid_order
from checkout.tests.factories import order_with
from products.recommender import RecommenderUnavailable, RedisRecommender, suggest_for_products
from products.tests import factories
from products.tests.recommendation_helpers import SilentServer, forget_redis_clients

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "redis://127.0.0.1:1/0"
TIMEOUT = 0.2


@pytest.fixture
def silent_redis():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture
def redis_at(settings):
    """Point the shop at a given Redis URL with short timeouts, with fresh clients before and after."""

    def point(url):
        settings.REDIS_URL = url
        settings.REDIS_SOCKET_TIMEOUT = TIMEOUT
        forget_redis_clients()

    yield point
    forget_redis_clients()


def timed(function, *args):
    started = time.monotonic()
    try:
        result = function(*args)
    except RecommenderUnavailable as error:
        result = error
    return result, time.monotonic() - started


def test_a_closed_port_fails_at_once_then_redis_is_skipped():
    recs = RedisRecommender.from_url(CLOSED_PORT_URL, timeout=TIMEOUT)

    first, first_took = timed(recs.suggest, [1], 4)
    second, second_took = timed(recs.suggest, [1], 4)

    assert isinstance(first, RecommenderUnavailable) and "Connection refused" in str(first)
    assert first_took < TIMEOUT
    assert isinstance(second, RecommenderUnavailable) and str(second) == "Redis skipped after a recent failure"
    assert second_took < 0.01


def test_a_hanging_redis_costs_one_timeout_then_nothing(silent_redis):
    recs = RedisRecommender.from_url(silent_redis.url, timeout=TIMEOUT)

    first, first_took = timed(recs.suggest, [1], 4)
    second, second_took = timed(recs.record, [1, 2])

    assert isinstance(first, RecommenderUnavailable) and "Timeout" in str(first)
    # one timeout, no retries: about TIMEOUT (the handshake's read is the first to wait), never 4× it
    assert TIMEOUT * 0.9 <= first_took < TIMEOUT * 2
    assert len(silent_redis.connections) == 1
    assert isinstance(second, RecommenderUnavailable)
    assert second_took < 0.01


def test_redis_is_tried_again_after_the_pause(silent_redis):
    recs = RedisRecommender.from_url(silent_redis.url, timeout=TIMEOUT, pause=0.3)
    timed(recs.suggest, [1], 4)
    time.sleep(0.35)

    again, took = timed(recs.suggest, [1], 4)

    assert "Timeout" in str(again) and took >= TIMEOUT * 0.9
    assert len(silent_redis.connections) == 2


@pytest.mark.parametrize("down", ["closed port", "hanging"])
def test_recording_with_redis_down_logs_and_returns(redis_at, silent_redis, caplog, down):
    redis_at(CLOSED_PORT_URL if down == "closed port" else silent_redis.url)
    a, b = factories.ProductFactory(), factories.ProductFactory()
    order = order_with(a, b)

    with caplog.at_level(logging.WARNING, logger="products.recommender"):
        recorded, took = timed(record_paid_order, order)

    assert recorded is False
    assert took < TIMEOUT * 2
    assert f"Co-purchases of order {order.number} not recorded" in caplog.text


@pytest.mark.parametrize("down", ["closed port", "hanging"])
def test_suggestions_fall_back_to_the_database(redis_at, silent_redis, catalog, down):
    # given the kettle and the mug were bought together, and Redis never heard of it
    redis_at(CLOSED_PORT_URL if down == "closed port" else silent_redis.url)
    kettle, mug = catalog["kettle"]["en"].product, catalog["mug"]["en"].product
    order_with(kettle, mug)

    with translation.override("ru"):
        pages, took = timed(suggest_for_products, [kettle.pk], 4)

    assert [page.title for page in pages] == ["Кружка"]
    assert took < TIMEOUT * 2 + 0.5


def test_a_product_page_with_the_block_renders_fast_with_redis_hanging(redis_at, silent_redis, client, catalog):
    # given the kettle's page shows "Bought together", the mug was bought with it
    kettle_page = catalog["kettle"]["es"]
    kettle_page.body = [("bought_together", {"heading": "Comprados juntos", "count": 4, "fallback_products": []})]
    factories.publish(kettle_page)
    order_with(kettle_page.product, catalog["mug"]["es"].product)
    # and how long the page takes with no Redis at all (after a first, warming render); each request has an
    # address of its own, so that the body is rendered every time (it is cached per address for a minute)
    redis_at("")
    client.get(kettle_page.url + "?warm")
    _response, without_redis = timed(client.get, kettle_page.url + "?without")

    # when Redis hangs and shoppers open the page twice
    redis_at(silent_redis.url)
    first, first_took = timed(client.get, kettle_page.url + "?first")
    second, second_took = timed(client.get, kettle_page.url + "?second")

    # then both answer with the database's suggestion; only the first waited for Redis, once and briefly
    for response in (first, second):
        assert response.status_code == 200
        assert "Comprados juntos" in response.content.decode()
        assert "Taza" in response.content.decode()
    # (counted, not timed: a busy machine stretches any render; the first waited out the socket timeout, and the
    # silent server, which never answers, would hold it for ever without that timeout)
    assert len(silent_redis.connections) == 1
    assert TIMEOUT * 0.9 < first_took < TIMEOUT + without_redis + 10
