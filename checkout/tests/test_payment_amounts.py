"""Stripe's amount rules: a total below its minimum charge is refused at checkout (and told on the page of an order
placed before), a zero total needs no payment and completes as Stripe's `no_payment_required` does."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from checkout.models import Order
from checkout.orders import services
from checkout.orders.exceptions import TotalBelowMinimumCharge
from checkout.payments.errors import PaymentError
from checkout.payments.providers import stripe as stripe_provider
from coupons.models import Coupon
from coupons.tests.factories import CouponFactory
from products.models import ProductVariant
from products.tests.factories import ProductFactory, variant_of
from storefront.money import minimum_charge

from .conftest import ListCart
from .factories import CUSTOMER, make_order, session_of
from .payment_factories import session_for

pytestmark = pytest.mark.django_db


def pay(client, order, language="en"):
    return client.post(f"/{language}/payment/{order.token}/pay/", follow=True)


def test_stripe_charges_at_least_fifty_cents_in_dollars_and_euros():
    assert minimum_charge("usd") == minimum_charge("eur") == Decimal("0.50")
    assert minimum_charge("gbp") == Decimal("0.30")


def test_the_fake_refuses_a_session_below_the_minimum_as_stripe_does(fake_stripe):
    order = make_order([(ProductFactory(price="0.30"), 1)])

    with pytest.raises(PaymentError):
        stripe_provider.create_checkout_session(
            order, attempt=1, success_url="https://s/", cancel_url="https://c/", expires_at=order.reserved_until
        )

    assert fake_stripe.sessions == {}


def test_a_total_below_the_minimum_is_told_on_the_order_page_in_spanish_and_the_order_is_kept(client, fake_stripe):
    # Given a 0.30 order
    order = make_order([(ProductFactory(price="0.30"), 1)], language="es")

    # When the shopper presses "pay"
    response = pay(client, order, "es")

    # Then Stripe is not asked, the order stays payable, and the page says what to do
    html = response.content.decode()
    assert fake_stripe.requests == []
    assert response.status_code == 200
    assert "El total de este pedido (0,30\xa0US$) es inferior al importe mínimo" in html
    assert "nuestro proveedor de pagos (0,50\xa0US$). Añada productos a su carrito" in html
    order.refresh_from_db()
    assert order.is_payable and order.payments.count() == 0
    page = client.get(f"/es/finalizar-compra/pedido/{order.token}/").content.decode()
    assert "es inferior al importe mínimo" in page
    assert 'action="/es/payment/' not in page


def test_the_minimum_itself_can_be_paid(client, fake_stripe):
    order = make_order([(ProductFactory(price="0.50"), 1)])

    response = client.post(f"/en/payment/{order.token}/pay/")

    assert response["Location"].startswith("https://checkout.stripe.test/")


def test_a_zero_total_completes_without_payment(
    client, fake_stripe, queued_invoices, django_capture_on_commit_callbacks
):
    # Given an order whose coupon takes off everything
    gift = CouponFactory(code="GIFT", kind=Coupon.Kind.FIXED, value=Decimal("20.00"))
    order = make_order([(ProductFactory(price="20.00"), 1)], coupon=gift)

    # When the shopper presses "pay"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/payment/{order.token}/pay/")

    # Then no Stripe session is made, the order is paid, and its invoice is on its way
    assert fake_stripe.requests == []
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert response["Location"] == f"/en/payment/{order.token}/?session_id={session_of(order)}"
    payment = order.payments.get()
    assert (payment.provider, payment.status, payment.amount) == ("free", "succeeded", Decimal("0.00"))
    assert queued_invoices == [order.pk]


def test_stripe_completes_a_zero_total_session_with_nothing_to_pay(fake_stripe):
    """The fake, as Stripe: a no-cost session completes as `no_payment_required`, with no payment intent."""
    order = make_order(
        [(ProductFactory(price="20.00"), 1)], coupon=CouponFactory(kind=Coupon.Kind.FIXED, value=Decimal("20.00"))
    )
    session = stripe_provider.create_checkout_session(
        order, attempt=1, success_url="https://s/", cancel_url="https://c/", expires_at=order.reserved_until
    )

    paid = fake_stripe.pay(session["id"])

    assert (paid["amount_total"], paid["payment_status"], paid["payment_intent"]) == (0, "no_payment_required", None)


def test_nothing_to_pay_does_not_settle_an_order_that_costs_something(client, webhook_secret):
    from checkout.payments.providers.stripe import StripeProvider, to_session
    from checkout.payments.settle import mark_paid

    order = make_order()

    session = to_session(session_for(order, payment_status="no_payment_required", amount_total=0))
    result = mark_paid(session, provider=StripeProvider(), source="webhook")

    order.refresh_from_db()
    assert result.outcome == "mismatch"
    assert order.status == Order.Status.PENDING


@pytest.mark.parametrize(("amount_off", "total"), [("7.50", Decimal("0.50")), ("8.00", Decimal("0.00"))])
def test_an_order_at_the_minimum_or_costing_nothing_is_placed(shop, amount_off, total):
    CouponFactory(code="OFF", kind=Coupon.Kind.FIXED, value=Decimal(amount_off))

    order = services.place_order(ListCart((shop["mug"], 1)), dict(CUSTOMER), "en", coupon_code="OFF")

    assert (order.total, order.status) == (total, Order.Status.PENDING)
    assert ProductVariant.objects.get(product=shop["mug"]).stock == 2


@pytest.mark.parametrize("amount_off", ["7.70", "7.51", "7.99"])
def test_an_order_whose_coupon_leaves_less_than_stripe_charges_is_refused_before_any_stock_is_reserved(
    shop, amount_off
):
    # Given a mug at 8.00 and a coupon that leaves 0.01 to 0.49 of it
    CouponFactory(code="OFF", kind=Coupon.Kind.FIXED, value=Decimal(amount_off))

    # When the order is placed, Then it is refused and nothing is written
    with pytest.raises(TotalBelowMinimumCharge) as refused:
        services.place_order(ListCart((shop["mug"], 1)), dict(CUSTOMER), "en", coupon_code="OFF")

    assert refused.value.total == Decimal("8.00") - Decimal(amount_off)
    assert refused.value.minimum == Decimal("0.50")
    assert Order.objects.count() == 0
    assert ProductVariant.objects.get(product=shop["mug"]).stock == 3


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Your order's total ($0.30) is below the smallest amount our payment provider can charge ($0.50)."),
        ("es", "El total de su pedido (0,30\xa0US$) es inferior al importe mínimo que puede cobrar nuestro proveedor"),
        ("ru", "Сумма вашего заказа (0,30\xa0$) меньше минимальной суммы, которую может списать наш платёжный сервис"),
    ],
)
def test_the_checkout_page_tells_the_shopper_why_in_their_language(client, shop, language, said):
    # Given a cart with a mug at 8.00 and a coupon of 7.70 applied
    CouponFactory(code="OFF", kind=Coupon.Kind.FIXED, value=Decimal("7.70"))
    session = client.session
    session["cart"] = {str(variant_of(shop["mug"]).pk): {"quantity": 1, "price": "8.00"}}
    session["coupon_code"] = "OFF"
    session.save()
    with translation.override(language):
        page_url = reverse("checkout:checkout")
    key = re.search(r'name="submission_key" value="([^"]+)"', client.get(page_url).content.decode()).group(1)

    # When the shopper places the order
    response = client.post(page_url, {**CUSTOMER, "submission_key": key})

    # Then the form is shown again with the reason, and no order holds the mug
    assert response.status_code == 200
    assert [str(message) for message in get_messages(response.wsgi_request)][0].startswith(said)
    assert Order.objects.count() == 0
    assert ProductVariant.objects.get(product=shop["mug"]).stock == 3
