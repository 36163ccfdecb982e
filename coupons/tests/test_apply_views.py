"""Applying and removing a code on the cart page: messages in the shopper's language, odd input refused, no 500."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from coupons import throttle
from coupons.session import applied_coupon
from products.tests.factories import ProductFactory, variant_of

from .factories import CouponFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cart_client(client):
    """A shopper whose session cart holds 2 × 10.00 (the database price; the session price is stale on purpose)."""
    product = ProductFactory(price=Decimal("10.00"))
    session = client.session
    session["cart"] = {str(variant_of(product).pk): {"quantity": 2, "price": "1.00"}}
    session.save()
    return client


def texts(response):
    """The messages this response carries (earlier unread ones were dropped by `post`)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def post(client, url, data):
    client.cookies.pop("messages", None)  # no page shows them in between, so forget the previous request's
    return client.post(url, data)


def test_a_valid_code_is_kept_in_the_session_and_the_shopper_goes_back(cart_client):
    CouponFactory(code="SUMMER-10")

    response = post(cart_client, "/en/coupon/apply/", {"code": "  summer-10 ", "next": "/en/cart/"})

    assert (response.status_code, response["Location"]) == (302, "/en/cart/")
    assert cart_client.session["coupon_code"] == "SUMMER-10"
    assert texts(response) == ["The code SUMMER-10 was applied."]


def test_an_unknown_code_is_told_in_spanish(cart_client):
    response = post(cart_client, "/es/coupon/apply/", {"code": "NOPE"})

    assert (response.status_code, response["Location"]) == (302, "/es/")
    assert "coupon_code" not in cart_client.session
    assert texts(response) == ["No conocemos este código. Revísalo e inténtalo de nuevo."]


def test_the_minimum_is_checked_against_database_prices(cart_client):
    CouponFactory(code="BIG", minimum_amount=Decimal("25.00"))

    response = post(cart_client, "/en/coupon/apply/", {"code": "big"})

    assert texts(response) == ["This code needs an order of at least $25.00."]
    assert "coupon_code" not in cart_client.session


def test_an_offsite_next_is_ignored(cart_client):
    CouponFactory(code="SAFE")

    response = post(cart_client, "/ru/coupon/apply/", {"code": "SAFE", "next": "https://evil.example.com/"})

    assert response["Location"] == "/ru/"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Please enter a discount code."),
        ("A" * 51, "A discount code has at most 50 characters."),
        ("A" * 5000, "A discount code has at most 50 characters."),
        ("🎉🎉", "We don't know this code. Please check it and try again."),
        ("' OR 1=1 --", "We don't know this code. Please check it and try again."),
        ("CODE\x00", "We don't know this code. Please check it and try again."),
        ("<script>alert(1)</script>", "We don't know this code. Please check it and try again."),
    ],
    ids=["empty", "51-chars", "5000-chars", "emoji", "sql", "nul", "html"],
)
def test_odd_input_is_refused_with_a_message(cart_client, code, message):
    response = post(cart_client, "/en/coupon/apply/", {"code": code})

    assert response.status_code == 302
    assert texts(response) == [message]


def test_get_is_not_allowed(client):
    assert client.get("/en/coupon/apply/").status_code == 405


def test_remove_forgets_the_code(cart_client):
    session = cart_client.session
    session["coupon_code"] = "SUMMER-10"
    session.save()

    response = post(cart_client, "/en/coupon/remove/", {"next": "/en/cart/"})

    assert response["Location"] == "/en/cart/"
    assert "coupon_code" not in cart_client.session
    assert texts(response) == ["The discount code was removed."]


def test_five_failures_from_a_session_block_even_a_good_code(cart_client):
    CouponFactory(code="REAL")
    for attempt in range(throttle.SESSION_LIMIT):
        post(cart_client, "/en/coupon/apply/", {"code": f"GUESS-{attempt}"})

    response = post(cart_client, "/en/coupon/apply/", {"code": "REAL"})

    assert texts(response) == ["Too many attempts with wrong codes. Please try again in a few minutes."]
    assert "coupon_code" not in cart_client.session


def test_four_failures_do_not_block(cart_client):
    CouponFactory(code="REAL")
    for attempt in range(throttle.SESSION_LIMIT - 1):
        post(cart_client, "/en/coupon/apply/", {"code": f"GUESS-{attempt}"})

    response = post(cart_client, "/en/coupon/apply/", {"code": "REAL"})

    assert texts(response) == ["The code REAL was applied."]


def test_the_blocking_window_ends(cart_client):
    for attempt in range(throttle.SESSION_LIMIT):
        post(cart_client, "/en/coupon/apply/", {"code": f"GUESS-{attempt}"})
    cache.clear()  # what the cache does when the window's keys expire
    CouponFactory(code="REAL")

    response = post(cart_client, "/en/coupon/apply/", {"code": "REAL"})

    assert texts(response) == ["The code REAL was applied."]


def request_with_session(client, language="en"):
    request = RequestFactory().get(f"/{language}/cart/")
    request.session = client.session
    request._messages = FallbackStorage(request)
    return request


def test_applied_coupon_returns_the_discount(client):
    coupon = CouponFactory(code="TEN", value=Decimal("10"))
    request = request_with_session(client)
    request.session["coupon_code"] = "TEN"

    assert applied_coupon(request, Decimal("24.50")) == (coupon, Decimal("2.45"))


def test_applied_coupon_drops_a_code_that_stopped_applying(client):
    CouponFactory(code="MIN", minimum_amount=Decimal("30.00"))
    request = request_with_session(client)
    request.session["coupon_code"] = "MIN"

    assert applied_coupon(request, Decimal("24.50")) == (None, Decimal("0.00"))
    assert "coupon_code" not in request.session
    assert [str(m) for m in request._messages] == [
        "The code MIN was removed from your cart: This code needs an order of at least $30.00."
    ]


def test_the_include_shows_the_form_or_the_applied_code(rf):
    coupon = CouponFactory(code="TEN", descriptions={"en": "Ten off everything", "es": "Diez de descuento"})
    request = rf.get("/es/cart/")

    empty = render_to_string("coupons/includes/coupon_form.html", {"request": request, "coupon": None})
    with translation.override("es"):
        applied = render_to_string(
            "coupons/includes/coupon_form.html",
            {"request": request, "coupon": coupon, "discount": Decimal("2.45"), "currency": "EUR"},
        )

    assert 'action="/en/coupon/apply/"' in empty and 'name="code"' in empty
    assert 'action="/es/coupon/remove/"' in applied
    assert "<strong>TEN</strong>" in applied and "Diez de descuento" in applied and "2,45\xa0€" in applied


def test_the_minimum_counts_what_the_order_would_charge_as_the_cart_does(client, catalog):
    """One subtotal rule (`Cart.subtotal`): a line that cannot be ordered (out of stock) does not count towards
    a coupon's minimum, as it does not count in the cart's total or the order."""
    kettle, mug = catalog["kettle"]["en"].product, catalog["mug"]["en"].product
    kettle, mug = variant_of(kettle), variant_of(mug)
    mug.stock = 0
    mug.save()
    session = client.session
    session["cart"] = {str(kettle.pk): {"quantity": 1, "price": "24.50"}, str(mug.pk): {"quantity": 1, "price": "8.00"}}
    session.save()
    CouponFactory(code="THIRTY", minimum_amount=Decimal("30.00"))

    response = post(client, "/en/coupon/apply/", {"code": "thirty"})

    assert texts(response) == ["This code needs an order of at least $30.00."]
    assert "coupon_code" not in client.session
