"""The end of a stock reservation: an unpaid order expires, fails or is cancelled, and its units return.

These moves need no person and send nothing, so the expiry task (`checkout.tasks.expire_unpaid_orders`), the
payment flow and `checkout.orders.services.cancel_order` all end reservations here, under the order's row lock.
"""

import logging

from django.db import transaction
from django.utils import timezone

from products import inventory

from .models import InvalidTransition, Order

logger = logging.getLogger(__name__)


def release_stock(order: Order) -> None:
    """Give the order's reserved units back to their variants (`products.inventory.release`; a line whose variant
    was deleted since has nothing to return to)."""
    inventory.release(dict(order.lines.filter(variant__isnull=False).values_list("variant_id", "quantity")))


def end_reservation(order: Order, to_status, *, by=None, note="") -> tuple[Order, bool]:
    """Move a pending order to `to_status` and give its stock back; (the order, whether it moved now).

    Idempotent: an order already in `to_status` is returned unmoved. `InvalidTransition` from another status.
    """
    with transaction.atomic():
        order = Order.objects.locked(order)
        if order.status == to_status:
            return order, False
        order.move_to(to_status, by=by, note=note)
        release_stock(order)
    logger.info("Order %s is %s; its stock was returned", order.number, to_status)
    return order, True


def expire_order(order: Order, *, note="") -> Order:
    """pending → expired (reservation time over, or Stripe's session expired); the reserved stock returns."""
    return end_reservation(order, Order.Status.EXPIRED, note=note)[0]


def fail_order(order: Order, *, note="") -> Order:
    """pending → failed (the payment was declined for good); the reserved stock returns."""
    return end_reservation(order, Order.Status.FAILED, note=note)[0]


def expire_overdue_orders(now=None) -> list[str]:
    """Expire every pending order whose reservation time is over, returning its stock; the numbers expired.

    Each order is re-checked under its row lock, so an order paid (or given more time) meanwhile is left
    alone. Called by the periodic `checkout.tasks.expire_unpaid_orders`.
    """
    now = now or timezone.now()
    overdue = Order.objects.filter(status=Order.Status.PENDING, reserved_until__lte=now)
    expired = []
    for pk in overdue.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            order = Order.objects.select_for_update().filter(pk=pk).first()
            if order is None or order.status != Order.Status.PENDING or order.reserved_until > now:
                continue
            try:
                expire_order(order, note="Reservation time over.")
            except InvalidTransition:  # pragma: no cover - the status was checked under the lock
                continue
        expired.append(order.number)
    return expired
