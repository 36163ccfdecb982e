"""The cart in the shopper's market (issue #26): priced in its currency, formatted for the page's language, re-priced
when the market changes; a variant without a price there is unavailable, never 0."""

from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from cart.cart import SESSION_KEY, Cart
from markets.models import PricingRule, VariantPrice
from markets.resolution import MARKET_COOKIE
from markets.tests.factories import make_market, set_rate, three_markets
from products.tests.factories import variant_of

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


def request_in(market_code, session_data=None):
    request = RequestFactory().get("/")
    request.COOKIES[MARKET_COOKIE] = market_code
    request.session = SessionStore()
    if session_data is not None:
        request.session[SESSION_KEY] = session_data
    return request


@pytest.fixture
def markets(db):
    found = three_markets()
    set_rate("EUR", "0.92")
    set_rate("RUB", "90")
    return found


def test_lines_are_priced_in_the_market_currency_by_its_rule(shop, markets):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    cart = Cart(request_in("eurozone"))

    cart.add(kettle, 2)
    cart.add(mug, 1)

    # 24.50 × 0.92 = 22.54 → 22.99; 8.00 × 0.92 = 7.36 → 7.99 (up to .99)
    assert [(line.price, line.total) for line in cart] == [
        (Decimal("22.99"), Decimal("45.98")),
        (Decimal("7.99"), Decimal("7.99")),
    ]
    assert (cart.currency, cart.subtotal) == ("EUR", Decimal("53.97"))
    assert cart.request.session[SESSION_KEY][str(kettle.pk)] == {"quantity": 2, "price": "22.99", "currency": "EUR"}


def test_changing_market_reprices_the_same_cart(shop, markets):
    kettle = variant_of(shop["kettle"])
    euro = Cart(request_in("eurozone"))
    euro.add(kettle, 2)

    roubles = Cart(request_in("russia", euro.request.session[SESSION_KEY]))

    # 24.50 × 90 = 2205 roubles, whole
    assert (roubles.currency, roubles.subtotal, [line.price for line in roubles]) == (
        "RUB",
        Decimal("4410.00"),
        [Decimal("2205")],
    )
    assert roubles.currency_changed and not roubles.has_price_changes
    assert roubles.fingerprint() != euro.fingerprint()


def test_a_variant_without_a_price_in_the_market_is_unavailable_not_free(shop, markets):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    explicit = make_market("swiss", ["CH"], "CHF", pricing=PricingRule.EXPLICIT)
    VariantPrice.objects.create(market=explicit, variant=kettle, price=Decimal("25.00"))
    data = {str(kettle.pk): {"quantity": 1, "price": "24.50"}, str(mug.pk): {"quantity": 2, "price": "8.00"}}

    cart = Cart(request_in("swiss", data))

    lines = {line.variant.pk: line for line in cart}
    assert (lines[kettle.pk].price, lines[kettle.pk].available) == (Decimal("25.00"), True)
    assert (lines[mug.pk].price, lines[mug.pk].total, lines[mug.pk].available) == (None, None, False)
    assert cart.has_unpriced_lines
    assert cart.subtotal == Decimal("25.00")


def test_the_cart_page_says_so_and_formats_money_for_the_language(client, shop, markets):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    swiss = make_market("swiss", ["CH"], "CHF", pricing=PricingRule.EXPLICIT)
    VariantPrice.objects.create(market=swiss, variant=kettle, price=Decimal("1234.50"))
    client.cookies[MARKET_COOKIE] = "swiss"
    session = client.session
    session[SESSION_KEY] = {
        str(kettle.pk): {"quantity": 1, "price": "1234.50", "currency": "CHF"},
        str(mug.pk): {"quantity": 1, "price": "8.00", "currency": "CHF"},
    }
    session.save()

    with translation.override("es"):
        body = client.get(reverse("cart:detail")).content.decode()

    assert "1234,50\xa0CHF" in body or "1.234,50\xa0CHF" in body
    assert "data-unpriced" in body
    assert "No se vende en tu mercado" in body
    assert "0,00\xa0CHF" not in body.split("cart-line--unavailable", 1)[1].split("</tr>", 1)[0]


def test_roubles_are_shown_whole_in_the_header_and_the_cart(client, shop, markets):
    kettle = variant_of(shop["kettle"])
    client.cookies[MARKET_COOKIE] = "russia"
    session = client.session
    session[SESSION_KEY] = {str(kettle.pk): {"quantity": 1, "price": "24.50"}}
    session.save()

    with translation.override("ru"):
        body = client.get(reverse("cart:detail")).content.decode()

    assert "2\xa0205\xa0₽" in body
    assert "2\xa0205,00" not in body


def test_a_variant_without_a_price_in_the_market_is_never_added(client, shop, markets):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    swiss = make_market("swiss", ["CH"], "CHF", pricing=PricingRule.EXPLICIT)
    VariantPrice.objects.create(market=swiss, variant=kettle, price=Decimal("25.00"))
    client.cookies[MARKET_COOKIE] = "swiss"

    with translation.override("es"):
        refused = client.post(reverse("cart:add"), {"variant": mug.pk, "quantity": "1"}, follow=True)
    client.post(reverse("cart:add"), {"variant": kettle.pk, "quantity": "1"})

    assert refused.status_code == 200
    assert "Lo sentimos, este producto no se vende en tu mercado." in refused.content.decode()
    assert list(client.session[SESSION_KEY]) == [str(kettle.pk)]
