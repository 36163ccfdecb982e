"""Stripe's amount rules: a total below its minimum charge is told on the order page, a zero total needs no
payment and completes as Stripe's `no_payment_required` does."""

from decimal import Decimal

import pytest

from checkout.models import Order
from checkout.payments import gateway
from checkout.payments.errors import PaymentError
from coupons.models import Coupon
from coupons.tests.factories import CouponFactory
from products.tests.factories import ProductFactory

from .factories import make_order
from .payment_factories import session_for

pytestmark = pytest.mark.django_db


def pay(client, order, language="en"):
    return client.post(f"/{language}/payment/{order.token}/pay/", follow=True)


def test_stripe_charges_at_least_fifty_cents_in_dollars_and_euros():
    assert gateway.minimum_charge("usd") == gateway.minimum_charge("eur") == Decimal("0.50")
    assert gateway.minimum_charge("gbp") == Decimal("0.30")


def test_the_fake_refuses_a_session_below_the_minimum_as_stripe_does(fake_stripe):
    order = make_order([(ProductFactory(price="0.30"), 1)])

    with pytest.raises(PaymentError):
        gateway.create_checkout_session(
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
    assert order.is_payable and order.payment_attempts == 0
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
    assert response["Location"] == f"/en/payment/{order.token}/?session_id={order.stripe_session_id}"
    assert order.stripe_session_id.startswith("cs_free_")
    assert queued_invoices == [order.pk]


def test_stripe_completes_a_zero_total_session_with_nothing_to_pay(fake_stripe):
    """The fake, as Stripe: a no-cost session completes as `no_payment_required`, with no payment intent."""
    order = make_order(
        [(ProductFactory(price="20.00"), 1)], coupon=CouponFactory(kind=Coupon.Kind.FIXED, value=Decimal("20.00"))
    )
    session = gateway.create_checkout_session(
        order, attempt=1, success_url="https://s/", cancel_url="https://c/", expires_at=order.reserved_until
    )

    paid = fake_stripe.pay(session["id"])

    assert (paid["amount_total"], paid["payment_status"], paid["payment_intent"]) == (0, "no_payment_required", None)


def test_nothing_to_pay_does_not_settle_an_order_that_costs_something(client, webhook_secret):
    from checkout.payments.services import mark_paid

    order = make_order()

    result = mark_paid(session_for(order, payment_status="no_payment_required", amount_total=0), source="webhook")

    order.refresh_from_db()
    assert result.outcome == "mismatch"
    assert order.status == Order.Status.PENDING
