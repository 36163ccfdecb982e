"""Checkout in the shopper's market (issue #26): the market fixed by the shipping country, shipping converted by the
market's rule, the order freezing market, currency and rate, Stripe in that currency's minor units, refunds given
back in it."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from checkout.models import Order
from checkout.orders import services
from checkout.payments.providers.stripe_checkout import checkout_amount
from checkout.refunds.services import refund_order
from checkout.shipping.options import choices_for
from demo.shipping import ensure_shipping_and_taxes
from markets.resolution import MARKET_COOKIE
from markets.tests.factories import make_market, set_rate, three_markets
from products.models import Product
from storefront.money import to_minor_units

from .conftest import ListCart
from .factories import CUSTOMER
from .payment_fixtures import post_webhook
from .test_checkout_pages import add, form_key, url

pytestmark = pytest.mark.django_db

AMERICAN = {**CUSTOMER, "city": "Boston", "postal_code": "02108", "country": "US"}
RUSSIAN = {**CUSTOMER, "first_name": "Борис", "city": "Москва", "postal_code": "101000", "country": "RU"}


@pytest.fixture
def markets(db):
    found = three_markets()
    set_rate("EUR", "0.92")
    set_rate("RUB", "90")
    return found


@pytest.fixture
def shipping(db):
    ensure_shipping_and_taxes()
    Product.objects.filter(sku__in=["KET-1", "MUG-1"]).update(weight=500)


def place_in(client, market_code, details, language="en"):
    """The shopper of `market_code` checks the kettle out to `details`' country (with its only standard method)."""
    client.cookies[MARKET_COOKIE] = market_code
    add(client, Product.objects.get(sku="KET-1"))
    page = client.get(url("checkout:checkout", language))
    first = client.post(
        url("checkout:checkout", language), {**details, "submission_key": form_key(page), "update_shipping": "1"}
    )
    method = first.context["form"].shipping_choices[0]
    data = {**details, "submission_key": form_key(first), "shipping_method": str(method.pk)}
    return client.post(url("checkout:checkout", language), data)


def test_a_spanish_order_is_placed_in_euros_and_freezes_market_currency_and_rate(client, shop, markets, shipping):
    response = place_in(client, "eurozone", CUSTOMER)

    order = Order.objects.get()
    assert response.status_code == 302
    # 24.50 × 0.92 = 22.54 → 22.99 (.99); Spain's standard 4.95 × 0.92 = 4.55 → 4.99; prices include tax
    assert (order.currency, order.market, order.market_name, order.exchange_rate) == (
        "eur",
        markets["eurozone"],
        "Eurozone",
        Decimal("0.92"),
    )
    assert (order.subtotal, order.shipping_price, order.total) == (
        Decimal("22.99"),
        Decimal("4.99"),
        Decimal("27.98"),
    )
    assert [line.unit_price for line in order.lines.all()] == [Decimal("22.99")]
    assert order.prices_include_tax is True
    assert order.base_total == Decimal("30.41")  # 27.98 / 0.92

    set_rate("EUR", "0.50", date=datetime.date(2026, 12, 2))
    order.refresh_from_db()
    assert (order.total, order.exchange_rate, order.base_total) == (Decimal("27.98"), Decimal("0.92"), Decimal("30.41"))


def test_a_country_of_another_market_switches_the_market_and_tells_the_shopper_before_any_order(
    client, shop, markets, shipping
):
    client.cookies[MARKET_COOKIE] = "us"
    add(client, Product.objects.get(sku="KET-1"))
    page = client.get(url("checkout:checkout"))

    response = client.post(url("checkout:checkout"), {**CUSTOMER, "submission_key": form_key(page)})

    assert Order.objects.count() == 0
    assert response.status_code == 200
    assert response.cookies[MARKET_COOKIE].value == "eurozone"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "We deliver to this country from our Eurozone shop: prices are now in EUR (they were in USD). "
        "Please check your order before paying."
    ]
    html = response.content.decode()
    assert "€22.99" in html and "$24.50" not in html

    # The shopper reads the new prices and sends the form again: the order is in euros.
    method = response.context["form"].shipping_choices[0]
    data = {**CUSTOMER, "submission_key": form_key(response), "shipping_method": str(method.pk)}
    client.post(url("checkout:checkout"), data)
    assert Order.objects.get().currency == "eur"


def test_a_country_in_the_same_market_or_in_none_changes_nothing(client, shop, markets, shipping):
    client.cookies[MARKET_COOKIE] = "us"
    add(client, Product.objects.get(sku="KET-1"))
    page = client.get(url("checkout:checkout"))

    response = client.post(
        url("checkout:checkout"), {**AMERICAN, "submission_key": form_key(page), "update_shipping": "1"}
    )

    assert MARKET_COOKIE not in response.cookies
    assert list(get_messages(response.wsgi_request)) == []


def test_shipping_is_converted_and_rounded_by_the_market_rule_with_its_threshold(shop, markets, shipping):
    spain, express = choices_for("ES", 500, Decimal("22.99"), "en", markets["eurozone"])
    (russia,) = choices_for("RU", 500, Decimal("2205"), "en", markets["russia"])

    # 4.95 × 0.92 = 4.554 → 4.99, free from 50 × 0.92 = 46 → 46.99; 14.95 × 90 = 1345.5 → 1346, free from 4500
    assert (spain.price, spain.free_from, spain.currency) == (Decimal("4.99"), Decimal("46.99"), "EUR")
    assert (express.price, express.free_from) == (Decimal("9.99"), None)  # 9.95 × 0.92 = 9.154 → 9.99
    assert spain.free_from_note == "Free on orders from €46.99."
    assert (russia.price, russia.free_from, russia.currency) == (Decimal("1346"), Decimal("4500"), "RUB")
    free = choices_for("ES", 500, Decimal("46.99"), "en", markets["eurozone"])
    assert min(choice.price for choice in free) == Decimal("0.00")


def test_a_market_without_a_rate_offers_no_shipping_rather_than_a_free_one(shop, markets, shipping):
    swiss = make_market("swiss", ["CH"], "CHF")

    assert choices_for("ES", 500, Decimal("10"), "en", swiss) == []


def test_a_russian_order_pays_whole_roubles_through_stripe(client, shop, markets, shipping, fake_stripe):
    place_in(client, "russia", RUSSIAN)
    order = Order.objects.get()
    client.post(url("payment:start", token=order.token))

    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    session_id = next(iter(fake_stripe.sessions))
    # 24.50 × 90 = 2205 ₽ and 1346 ₽ of shipping: 3551 ₽, in kopecks as Stripe counts roubles
    assert (order.currency, order.total) == ("rub", Decimal("3551.00"))
    assert created.params["line_items"][0]["price_data"] == {
        "currency": "rub",
        "unit_amount": "220500",
        "product_data": {"name": "Kettle", "metadata": {"sku": "KET-1"}},
    }
    assert created.params["shipping_options"][0]["shipping_rate_data"]["fixed_amount"] == {
        "amount": "134600",
        "currency": "rub",
    }
    assert fake_stripe.sessions[session_id]["amount_total"] == 355100 == to_minor_units(order.total, "rub")

    fake_stripe.pay(session_id)
    post_webhook(client, fake_stripe.event("checkout.session.completed", session_id))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID

    refund = refund_order(order, reason="Changed their mind")

    (sent,) = fake_stripe.requests_to("POST", "/v1/refunds")
    assert sent.params["amount"] == "355100"
    assert (refund.amount, refund.currency) == (Decimal("3551.00"), "rub")
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (Order.Status.REFUNDED, order.total)


def test_a_zero_decimal_currency_is_sent_to_stripe_in_whole_units(shop, markets, customer):
    yen = make_market("japan", ["JP"], "JPY")
    set_rate("JPY", "150")

    order = services.place_order(ListCart((shop["kettle"], 2)), {**customer, "country": "JP"}, "en", market=yen)

    # 24.50 × 150 = 3675 yen a kettle
    assert (order.currency, order.total) == ("jpy", Decimal("7350"))
    assert checkout_amount(order) == 7350 == to_minor_units(order.total, "jpy")


def test_a_variant_without_a_price_in_the_market_cannot_be_ordered(shop, customer):
    swiss = make_market("swiss", ["CH"], "CHF", pricing="explicit")

    with pytest.raises(services.ProductNotSoldInMarket) as refused:
        services.place_order(ListCart((shop["kettle"], 1)), customer, "en", market=swiss)

    assert refused.value.message == "“Kettle” is not sold in Swiss. Please remove it from your cart."
    assert Order.objects.count() == 0
