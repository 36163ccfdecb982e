"""The wrong-code throttle: a few failures block one session, only very many block an address, and the address
is the client's as our own proxies saw it, never one the client wrote into X-Forwarded-For."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from coupons import throttle
from storefront.proxies import client_address

from .factories import CouponFactory
from .test_apply_views import post, texts

pytestmark = pytest.mark.django_db

BLOCKED = ["Too many attempts with wrong codes. Please try again in a few minutes."]
UNKNOWN = ["We don't know this code. Please check it and try again."]
PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def shopper(address, forwarded_for=None):
    """A new browser (no session yet) connecting from `address`, or through a proxy that says it came from there."""
    if forwarded_for is None:
        return Client(REMOTE_ADDR=address)
    return Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded_for)


def fail(client, times):
    for attempt in range(times):
        post(client, "/en/coupon/apply/", {"code": f"GUESS-{attempt}"})


def with_session(client):
    session = client.session
    session["cart"] = {}
    session.save()
    return client


@pytest.mark.parametrize(
    ("trusted", "forwarded_for", "expected"),
    [
        (0, None, "203.0.113.7"),
        (0, "198.51.100.1", "203.0.113.7"),  # no proxy of ours: the header is the client's own words
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # the client's own entry on the left is ignored
        (2, "1.2.3.4, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "198.51.100.1", "203.0.113.7"),  # fewer entries than proxies: not through them all
        (1, "", "203.0.113.7"),
    ],
)
def test_the_client_address_is_the_one_our_proxies_saw(settings, trusted, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", **headers)

    assert client_address(request) == expected


def test_a_spoofed_forwarded_for_does_not_dodge_the_address_limit_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(throttle.ADDRESS_LIMIT):
        fail(shopper("203.0.113.7", forwarded_for=f"198.51.100.{attempt % 250}"), 1)

    attacker = post(shopper("203.0.113.7", forwarded_for="192.0.2.99"), "/en/coupon/apply/", {"code": "ANY"})
    named_victim = post(shopper("198.51.100.1"), "/en/coupon/apply/", {"code": "ANY"})

    assert texts(attacker) == BLOCKED
    assert texts(named_victim) == UNKNOWN  # the addresses the attacker wrote were never counted


def test_one_shopper_s_typos_do_not_block_the_next_shopper_behind_the_same_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0  # the proxy is not declared: every shopper has its address
    CouponFactory(code="REAL")
    careless = with_session(shopper(PROXY))
    fail(careless, throttle.SESSION_LIMIT)

    blocked = post(careless, "/en/coupon/apply/", {"code": "REAL"})
    neighbour = post(with_session(shopper(PROXY)), "/en/coupon/apply/", {"code": "REAL"})

    assert texts(blocked) == BLOCKED
    assert texts(neighbour) == ["The code REAL was applied."]


def test_behind_a_trusted_proxy_shoppers_are_counted_by_their_own_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(throttle.ADDRESS_LIMIT):
        fail(shopper(PROXY, forwarded_for="198.51.100.1"), 1)

    attacker = post(shopper(PROXY, forwarded_for="198.51.100.1"), "/en/coupon/apply/", {"code": "ANY"})
    other = post(shopper(PROXY, forwarded_for="198.51.100.2"), "/en/coupon/apply/", {"code": "ANY"})

    assert texts(attacker) == BLOCKED
    assert texts(other) == UNKNOWN


def test_an_attacker_dropping_cookies_is_blocked_by_address_and_others_are_not(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for _attempt in range(throttle.ADDRESS_LIMIT - 1):
        fail(shopper("203.0.113.7"), 1)
    CouponFactory(code="REAL")

    not_yet = post(shopper("203.0.113.7"), "/en/coupon/apply/", {"code": "REAL"})
    fail(shopper("203.0.113.7"), 1)
    blocked = post(shopper("203.0.113.7"), "/es/coupon/apply/", {"code": "REAL"})
    elsewhere = post(shopper("203.0.113.8"), "/en/coupon/apply/", {"code": "REAL"})

    assert texts(not_yet) == ["The code REAL was applied."]
    assert texts(blocked) == ["Demasiados intentos con códigos incorrectos. Inténtalo de nuevo en unos minutos."]
    assert texts(elsewhere) == ["The code REAL was applied."]


def test_the_address_limit_is_far_above_a_shopper_s():
    assert throttle.ADDRESS_LIMIT >= 10 * throttle.SESSION_LIMIT
