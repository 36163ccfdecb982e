"""The order flows. Views, webhooks, admin actions and tasks call these; nothing else changes an order.

Every function that changes an order locks its row first (`select_for_update`) so concurrent callers
(a webhook and a success page, two webhooks, a shop manager and the expiry task) serialise on it.
"""

import logging

from django.db import transaction
from django.db.models import F

from products.models import Product

from .models import Order

logger = logging.getLogger(__name__)


def locked(order: Order) -> Order:
    """The order re-read under a row lock; call inside `transaction.atomic()`."""
    return Order.objects.select_for_update().get(pk=order.pk)


def release_stock(order: Order) -> None:
    """Give the order's reserved units back, locking products in primary-key order like `place_order`."""
    quantities = dict(order.lines.values_list("product_id", "quantity"))
    for product_id in sorted(quantities):
        Product.objects.filter(pk=product_id).update(stock=F("stock") + quantities[product_id])


def _end_reservation(order: Order, to_status, *, by=None, note="") -> Order:
    with transaction.atomic():
        order = locked(order)
        if order.status == to_status:
            return order
        order.move_to(to_status, by=by, note=note)
        release_stock(order)
    logger.info("Order %s is %s; its stock was returned", order.number, to_status)
    return order


def cancel_order(order: Order, *, by=None, note="") -> Order:
    """pending → cancelled; the reserved stock returns. Idempotent; `InvalidTransition` from another status."""
    return _end_reservation(order, Order.Status.CANCELLED, by=by, note=note)


def expire_order(order: Order, *, note="") -> Order:
    """pending → expired (reservation time over, or Stripe's session expired); the reserved stock returns."""
    return _end_reservation(order, Order.Status.EXPIRED, note=note)


def fail_order(order: Order, *, note="") -> Order:
    """pending → failed (the payment was declined for good); the reserved stock returns."""
    return _end_reservation(order, Order.Status.FAILED, note=note)


def mark_fulfilled(order: Order, *, by=None, note="") -> Order:
    """paid → fulfilled (the shop manager shipped it). Idempotent."""
    with transaction.atomic():
        order = locked(order)
        if order.status != Order.Status.FULFILLED:
            order.move_to(Order.Status.FULFILLED, by=by, note=note)
    return order
