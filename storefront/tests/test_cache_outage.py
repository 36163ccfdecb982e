"""Redis down: every shopper's page still answers, from the database, again and again in the same process.

The cache is the shop's own configuration (`storefront.settings.base`: django-redis with its errors ignored, the
sessions `cached_db`, the page cache on) pointed at a Redis that is not there: a closed port, a server that
accepts and never answers, or, with the `services` marker, a real `redis-server` stopped in the middle of the
walk. Each page is asked for twice in one process and in every language: on an outage django-redis hands every
failing `get_many` the same empty dict, so whatever one page writes into it breaks the next (issue #23: the
product cards written into it reached Wagtail's renditions lookup, a 500 on every page).
"""

import shutil
import socket
import subprocess
import time
from decimal import Decimal

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import PASSWORD, make_customer
from checkout.models import Order
from checkout.tests.factories import CUSTOMER
from products.tests import factories
from products.tests.recommendation_helpers import SilentServer
from storefront import cache_backend
from storefront.settings.base import redis_cache

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "es", "ru")
CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1
TIMEOUT = 0.2


@pytest.fixture
def redis_at(settings):
    """Point the shop's cache at a Redis URL, as production does, with every page cache and session on it."""

    def point(location, backend="storefront.cache_backend.RedisCache"):
        settings.CACHES = {"default": {**redis_cache(location, TIMEOUT), "BACKEND": backend}}
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        settings.PAGE_CACHE_ENABLED = True
        settings.REDIS_SOCKET_TIMEOUT = TIMEOUT

    yield point
    cache_backend._pauses.clear()


@pytest.fixture
def wardrobe(catalog):
    """A shirt with two colours (variants) and a gallery of two pictures, in the kitchen, in every language."""
    colour, values = factories.option_type("Colour", ["Red", "Blue"])
    shirt = factories.ProductFactory(sku="SHIRT", name="Shirt", price=Decimal("35.00"), default_variant=None)
    for value in ("Red", "Blue"):
        factories.add_variant(shirt, f"SHIRT-{value.upper()}", options=[values[value]])
    page = factories.add_product_page(catalog["category"]["en"], shirt, title="Shirt", images=2)
    pages = {"en": page}
    for code, title in (("es", "Camisa"), ("ru", "Рубашка")):
        pages[code] = factories.translate(page, code, title=title)
    return {"product": shirt, "pages": pages, "category": catalog["category"]}


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def twice(client: Client, path: str, expect: int = 200) -> str:
    """GET `path` twice in this process; both answers must be `expect`: the page's HTML."""
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == expect, f"{path}: {response.status_code}"
    return response.content.decode()


def shopper_walk(language: str, wardrobe) -> Client:
    """Home, category, product, search, cart, checkout, the order and its payment, each twice, in `language`."""
    client = Client()
    page = wardrobe["pages"][language]
    variant = wardrobe["product"].variants.order_by("sku").first()  # SHIRT-BLUE

    assert wardrobe["category"][language].title in twice(client, f"/{language}/")
    assert page.title in twice(client, wardrobe["category"][language].url)
    html = twice(client, page.url)
    assert page.title in html and "SHIRT-BLUE" in html
    assert page.title in twice(client, url("search", language) + f"?q={page.title}")

    client.post(url("cart:add", language), {"variant": str(variant.pk), "quantity": "2"})
    assert page.title in twice(client, url("cart:detail", language))
    checkout = twice(client, url("checkout:checkout", language))
    assert page.title in checkout

    key = checkout.split('name="submission_key" value="')[1].split('"')[0]
    placed = client.post(url("checkout:checkout", language), {**CUSTOMER, "submission_key": key})
    assert placed.status_code == 302
    order = Order.objects.filter(email=CUSTOMER["email"], language=language).latest("pk")
    assert placed.url == url("checkout:order", language, token=order.token)
    twice(client, placed.url)
    paying = client.post(url("payment:start", language, token=order.token))
    assert paying.status_code == 302, paying.status_code
    twice(client, paying.url)  # the offline test-card page
    twice(client, url("payment:status", language, token=order.token))
    return client


def account_walk(language: str) -> None:
    """Sign-in (its page, a failed try, a real one), then every page of the account, each twice."""
    customer = make_customer(f"{language}@example.com", language=language)
    client = Client()
    twice(client, url("account_login", language))
    refused = client.post(url("account_login", language), {"login": customer.email, "password": "wrong"})
    assert refused.status_code == 200
    signed_in = client.post(url("account_login", language), {"login": customer.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    twice(client, url("accounts:home", language), expect=302)  # to the orders
    for name in ("accounts:orders", "accounts:addresses", "accounts:address_add", "accounts:profile"):
        twice(client, url(name, language))


def test_with_redis_a_closed_port_every_page_answers_twice_in_every_language(redis_at, wardrobe):
    redis_at(CLOSED_PORT)

    for language in LANGUAGES:
        shopper_walk(language, wardrobe)
        account_walk(language)

    assert cache.get_many(["a", "b"]) == {}
    assert Order.objects.count() == len(LANGUAGES)


def test_no_page_writes_into_what_django_redis_returned(redis_at, wardrobe):
    """django-redis itself, its one shared empty dict and all (the shop's backend hands out a new one): the pages
    of #23's 500 render again and again in every language."""
    redis_at(CLOSED_PORT, backend="django_redis.cache.RedisCache")

    for language in LANGUAGES:
        shopper_walk(language, wardrobe)

    assert cache.get_many(["a", "b"]) == {}


def test_sign_in_limits_count_in_the_process_while_redis_is_down(redis_at, homes):
    """allauth's lock is a `cache.add`: without a place to count, every sign-in would be refused (429)."""
    redis_at(CLOSED_PORT)
    customer = make_customer("ana@example.com")
    client = Client()
    attempts = [
        client.post(url("account_login", "en"), {"login": customer.email, "password": "wrong"}) for _ in range(6)
    ]

    assert [attempt.status_code for attempt in attempts] == [200] * 6
    # "login_failed": 5 per 300 s for one account, as with Redis
    assert ["Too many failed login attempts" in attempt.content.decode() for attempt in attempts] == [False] * 5 + [
        True
    ]


def test_a_failing_get_many_hands_each_caller_a_dict_of_its_own(redis_at):
    redis_at(CLOSED_PORT)

    first = cache.get_many(["a"])
    first["card"] = "<li>rendered</li>"  # a caller's slip

    assert cache.get_many(["b"]) == {}


def test_a_hanging_redis_costs_a_request_at_most_one_timeout(redis_at, wardrobe, settings):
    """A Redis that accepts and never answers: every cache call would wait TIMEOUT; after the first of a request
    fails, the rest of the process leaves Redis alone for REDIS_RETRY_AFTER seconds."""
    silent = SilentServer()
    try:
        redis_at(silent.url)
        settings.REDIS_RETRY_AFTER = 60
        client = Client()
        paths = [
            "/es/",
            wardrobe["category"]["es"].url,
            wardrobe["pages"]["es"].url,
            url("search", "es") + "?q=Camisa",
            url("cart:detail", "es"),
        ]
        for path in paths:
            cache_backend._pauses.clear()  # as if the last pause had just run out
            before = len(silent.connections)

            assert client.get(path).status_code == 200

            assert len(silent.connections) - before <= 1, path  # one connection tried, one timeout waited
    finally:
        silent.close()


def test_after_the_pause_redis_is_tried_again(redis_at, settings):
    silent = SilentServer()
    try:
        redis_at(silent.url)
        settings.REDIS_RETRY_AFTER = 0.3
        cache.get("x")
        cache.get("y")
        assert len(silent.connections) == 1  # the second call was skipped

        time.sleep(0.35)
        cache.get("z")

        assert len(silent.connections) == 2
    finally:
        silent.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A `redis-server` of this test's own, on a free port, that the test can stop and start again."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (bin/system-deps --services)"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def keys(self) -> int:
        return redis.Redis(port=self.port).dbsize()


@pytest.mark.services  # a real redis-server binary, stopped and started again mid-walk
def test_redis_stopped_mid_run_and_started_again(redis_at, wardrobe, settings, tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    try:
        redis_at(server.url)
        settings.REDIS_RETRY_AFTER = 0.5
        shopper_walk("en", wardrobe)  # the cache warms up: pages, fragments, cards, sessions
        assert server.keys() > 0

        server.stop()
        for language in LANGUAGES:
            shopper_walk(language, wardrobe)

        server.start()
        time.sleep(0.6)
        html = Client().get(wardrobe["pages"]["ru"].url).content.decode()

        assert "Рубашка" in html
        assert server.keys() > 0  # Redis is used again
    finally:
        server.stop()
