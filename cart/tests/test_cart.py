"""The Cart object: what it reads from the session, what it writes, and how it resolves lines."""

from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import translation

from cart.cart import SESSION_KEY, Cart
from products.tests.factories import variant_of

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


def request_with(session_data=None):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    if session_data is not None:
        request.session[SESSION_KEY] = session_data
    return request


def test_an_empty_session_reads_as_an_empty_cart_without_writing():
    request = request_with()

    cart = Cart(request)

    assert len(cart) == 0
    assert list(cart) == []
    assert cart.subtotal == Decimal("0.00")
    assert request.session.modified is False


def test_lines_hold_quantity_and_the_price_when_added(shop):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    cart = Cart(request_with())

    cart.add(kettle, 2)
    cart.add(mug, 1)
    cart.add(kettle, 1)

    assert [(line.product.sku, line.quantity, line.added_price) for line in cart] == [
        ("KET-1", 3, Decimal("24.50")),
        ("MUG-1", 1, Decimal("8.00")),
    ]
    assert len(cart) == 4
    assert cart.subtotal == Decimal("81.50")


def test_the_session_stores_product_keys_quantities_and_prices_as_json(shop):
    kettle = variant_of(shop["kettle"])
    request = request_with()

    Cart(request).add(kettle, 2)

    assert request.session[SESSION_KEY] == {str(kettle.pk): {"quantity": 2, "price": "24.50"}}
    assert request.session.modified is True


def test_titles_follow_the_active_language_for_the_same_lines(catalog):
    kettle = variant_of(catalog["kettle"]["en"].product)
    request = request_with({str(kettle.pk): {"quantity": 1, "price": "24.50"}})

    titles = {}
    for code in ("en", "es", "ru"):
        with translation.override(code):
            titles[code] = [line.title for line in Cart(request)]

    assert titles == {"en": ["Kettle"], "es": ["Hervidor"], "ru": ["Чайник"]}


def test_a_changed_price_shows_the_current_one_and_says_so(shop):
    kettle = variant_of(shop["kettle"])
    request = request_with({str(kettle.pk): {"quantity": 2, "price": "20.00"}})

    cart = Cart(request)
    (line,) = cart.lines

    assert line.added_price == Decimal("20.00")
    assert line.price == Decimal("24.50")
    assert line.price_changed is True
    assert cart.has_price_changes is True
    assert cart.subtotal == Decimal("49.00")


def test_a_product_withdrawn_from_sale_stays_listed_but_out_of_the_total(shop):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    request = request_with(
        {str(kettle.pk): {"quantity": 1, "price": "24.50"}, str(mug.pk): {"quantity": 2, "price": "8.00"}}
    )
    mug.for_sale = False
    mug.save()

    cart = Cart(request)

    assert [(line.product.sku, line.available) for line in cart] == [("KET-1", True), ("MUG-1", False)]
    assert cart.subtotal == Decimal("24.50")


def test_a_deleted_product_disappears_from_the_cart(shop):
    kettle = variant_of(shop["kettle"])
    request = request_with({str(kettle.pk): {"quantity": 1, "price": "24.50"}, "987654": {"quantity": 1, "price": "1"}})

    cart = Cart(request)

    assert [line.product.sku for line in cart] == ["KET-1"]
    assert cart.quantities() == {kettle.pk: 1}


@pytest.mark.parametrize(
    "corrupted",
    [
        "a string",
        ["a", "list"],
        42,
        {"abc": {"quantity": 1, "price": "1.00"}},
        {"-3": {"quantity": 1, "price": "1.00"}},
        {"1": "not a dict"},
        {"1": {"quantity": "2", "price": "1.00"}},
        {"1": {"quantity": 0, "price": "1.00"}},
        {"1": {"quantity": True, "price": "1.00"}},
        {"1": {"quantity": 1.5, "price": "1.00"}},
        {"1": {"quantity": 1, "price": "abc"}},
        {"1": {"quantity": 1, "price": "NaN"}},
        {"1": {"quantity": 1, "price": "-1"}},
        {"1": {"quantity": 1, "price": 1.0}},
        {"1": {"quantity": 1}},
    ],
)
def test_corrupted_session_data_reads_as_an_empty_cart(corrupted):
    request = request_with(corrupted)
    request.session.modified = False

    cart = Cart(request)

    assert list(cart) == []
    assert len(cart) == 0
    assert cart.subtotal == Decimal("0.00")
    assert request.session.modified is False


def test_a_corrupted_cart_is_replaced_by_the_next_add(shop):
    kettle = variant_of(shop["kettle"])
    request = request_with("garbage")

    Cart(request).add(kettle, 1)

    assert request.session[SESSION_KEY] == {str(kettle.pk): {"quantity": 1, "price": "24.50"}}


def test_clear_empties_the_cart(shop):
    kettle = variant_of(shop["kettle"])
    request = request_with({str(kettle.pk): {"quantity": 1, "price": "24.50"}})

    Cart(request).clear()

    assert SESSION_KEY not in request.session
    assert list(Cart(request)) == []


def test_the_fingerprint_changes_with_quantities_and_prices(shop):
    kettle = variant_of(shop["kettle"])
    request = request_with({str(kettle.pk): {"quantity": 1, "price": "24.50"}})
    first = Cart(request).fingerprint()

    Cart(request).set_quantity(kettle, 2)
    second = Cart(request).fingerprint()
    kettle.price = Decimal("25.00")
    kettle.save()
    third = Cart(request).fingerprint()

    assert len({first, second, third}) == 3
    assert Cart(request).fingerprint() == third


def test_a_quantity_above_a_lowered_per_line_maximum_is_clamped_when_read(shop, settings):
    """Lowering CART_MAX_LINE_QUANTITY is configuration, not corruption: carts keep their lines, clamped."""
    request = request_with({str(variant_of(shop["kettle"]).pk): {"quantity": 40, "price": "24.50"}})
    settings.CART_MAX_LINE_QUANTITY = 5

    cart = Cart(request)

    assert cart.quantities() == {variant_of(shop["kettle"]).pk: 5}
    assert cart.subtotal == Decimal("122.50")


# --- The header's numbers ------------------------------------------------------------------------------------
def cart_of(session_data):
    return Cart(request_with(session_data))


def test_the_headers_numbers_are_read_from_the_cache_after_the_first_time(shop, django_assert_num_queries):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    data = {str(kettle.pk): {"quantity": 2, "price": "24.50"}, str(mug.pk): {"quantity": 1, "price": "8.00"}}
    first = cart_of(data)
    assert (len(first), first.subtotal) == (3, Decimal("57.00"))

    again = cart_of(dict(reversed(data.items())))  # another shopper, the same contents
    with django_assert_num_queries(0):
        assert (len(again), again.subtotal) == (3, Decimal("57.00"))


def test_the_headers_numbers_follow_a_price_or_stock_change_at_once(shop, django_capture_on_commit_callbacks):
    kettle = variant_of(shop["kettle"])
    data = {str(kettle.pk): {"quantity": 2, "price": "24.50"}}
    assert cart_of(data).subtotal == Decimal("49.00")

    with django_capture_on_commit_callbacks(execute=True):
        type(shop["kettle"]).objects.filter(pk=shop["kettle"].pk).update(price=Decimal("30.00"))
    assert cart_of(data).subtotal == Decimal("60.00")

    with django_capture_on_commit_callbacks(execute=True):
        kettle.stock = 0
        kettle.save()
    assert (len(cart_of(data)), cart_of(data).subtotal) == (2, Decimal("0.00"))  # counted, not available


def test_a_changed_cart_shows_its_new_numbers(shop):
    kettle = variant_of(shop["kettle"])
    cart = cart_of({})
    assert len(cart) == 0

    cart.add(kettle, 2)
    assert (len(cart), cart.subtotal) == (2, Decimal("49.00"))
    cart.set_quantity(kettle, 1)
    assert (len(cart), cart.subtotal) == (1, Decimal("24.50"))
