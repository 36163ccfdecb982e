"""A coupon is re-checked when the Stripe session is created and counted once when the order is paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from checkout.models import Order, PaymentEvent
from checkout.payments.errors import OrderNotPayable
from checkout.payments.start import start_payment
from checkout.tests.factories import make_order
from checkout.tests.payment_factories import event, session_for
from checkout.tests.test_webhook import deliver  # noqa: F401 (a fixture)
from coupons.models import Redemption
from coupons.tests.factories import CouponFactory
from products.models import Product

pytestmark = pytest.mark.django_db


def paid(order):
    return session_for(order, payment_intent=f"pi_{order.number}")


def order_using(coupon, session_id="cs_test_1"):
    """A pending order of 2 × 24.50 with `coupon` (10 % off by default: 4.90 off, 44.10 to pay), paid through
    Stripe session `session_id`."""
    return make_order(coupon=coupon, session_id=session_id)


def test_paying_redeems_the_coupon_once(deliver, queued_invoices):  # noqa: F811 (a fixture)
    coupon = CouponFactory(code="SAVE10", max_uses=5)
    order = order_using(coupon)

    deliver(event("checkout.session.completed", paid(order), event_id="evt_1"))
    deliver(event("checkout.session.completed", paid(order), event_id="evt_2"))

    coupon.refresh_from_db()
    assert coupon.uses == 1
    assert Redemption.objects.get().order == order
    assert Redemption.objects.get().amount == order.discount == Decimal("4.90")


def test_a_coupon_used_up_by_a_racing_payment_fails_the_order_and_returns_its_stock(deliver, queued_invoices):  # noqa: F811
    coupon = CouponFactory(code="ONCE", max_uses=1)
    first, second = order_using(coupon), order_using(coupon, session_id="cs_test_2")
    product = second.lines.get().product
    stock_before = Product.objects.get(pk=product.pk).stock

    deliver(event("checkout.session.completed", paid(first), event_id="evt_1"))
    deliver(event("checkout.session.completed", paid(second), event_id="evt_2"))

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == (Order.Status.PAID, Order.Status.FAILED)
    assert Product.objects.get(pk=product.pk).stock == stock_before + 2
    assert PaymentEvent.objects.get(event_id="evt_2").outcome == PaymentEvent.Outcome.MISMATCH
    assert list(Redemption.objects.values_list("order_id", flat=True)) == [first.pk]
    assert queued_invoices == [first.pk]


def test_a_coupon_that_expired_since_placing_cancels_the_order_before_stripe(rf):
    coupon = CouponFactory(code="GONE")
    order = order_using(coupon)
    coupon.valid_until = timezone.now() - timedelta(minutes=1)
    coupon.save()
    request = rf.post("/")

    with pytest.raises(OrderNotPayable) as refused:
        start_payment(order, request)

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert order.payments.count() == 1  # the attempt it had: no new one started
    assert str(refused.value.shopper_message) == (
        "This code has expired. This order was cancelled and your cart kept: you can order again."
    )
