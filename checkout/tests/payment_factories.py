"""Orders for the payment tests, built with the ORM as `place_order` leaves them: lines snapshot the
product, stock is reserved (decremented), the reservation runs for an hour."""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from checkout.models import Order, OrderLine
from products.models import Product
from products.tests.factories import ProductFactory
from storefront.money import quantize


def make_order(lines=None, *, language="en", discount="0", coupon_code="", reserved_minutes=60, **fields) -> Order:
    """A pending order. `lines`: (product, quantity) or (product, quantity, title) tuples."""
    lines = lines or [(ProductFactory(sku=f"KET-{secrets.token_hex(3)}", name="Kettle", price="24.50"), 2)]
    lines = [line if len(line) == 3 else (*line, line[0].name) for line in lines]
    for product, _quantity, _title in lines:
        product.refresh_from_db()
    subtotal = sum((product.price * quantity for product, quantity, _title in lines), Decimal("0"))
    discount = Decimal(discount)
    defaults = {
        "number": f"T-{secrets.token_hex(4).upper()}",
        "language": language,
        "currency": settings.STORE_CURRENCY,
        "first_name": "Ana",
        "last_name": "García",
        "email": "ana@example.com",
        "address": "Calle Mayor 1",
        "postal_code": "28013",
        "city": "Madrid",
        "country": "ES",
        "reserved_until": timezone.now() + timedelta(minutes=reserved_minutes),
    }
    order = Order.objects.create(
        **{**defaults, **fields},
        subtotal=quantize(subtotal),
        discount=quantize(discount),
        total=quantize(subtotal - discount),
        coupon_code=coupon_code,
    )
    for product, quantity, title in sorted(lines, key=lambda line: line[0].pk):
        OrderLine.objects.create(
            order=order, product=product, sku=product.sku, title=title, unit_price=product.price, quantity=quantity
        )
        Product.objects.filter(pk=product.pk).update(stock=F("stock") - quantity)
    return order


def make_paid_order(**kwargs) -> Order:
    order = make_order(**kwargs)
    order.move_to(Order.Status.PAID, paid_at=timezone.now(), stripe_payment_intent_id=f"pi_{secrets.token_hex(6)}")
    return order


def session_for(order, **changes):
    """The session Stripe sends once `order` is paid in full (49.00, what `make_order` makes by default)."""
    session = {
        "id": order.stripe_session_id or "cs_test_1",
        "object": "checkout.session",
        "status": "complete",
        "payment_status": "paid",
        "amount_total": 4900,
        "currency": "usd",
        "client_reference_id": order.number,
        "metadata": {"order_number": order.number},
        "payment_intent": "pi_test_1",
        "livemode": False,
    }
    return {**session, **changes}


def event(event_type, session, event_id="evt_1"):
    return {"id": event_id, "object": "event", "type": event_type, "livemode": False, "data": {"object": session}}
