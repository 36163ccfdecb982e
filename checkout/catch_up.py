"""Catching up on emails whose task never ran: the broker was down when the order or payment committed,
or the task gave up after its retries.

The order and the payment are committed first and their emails queued after the commit (so a task never
sees uncommitted rows); a broker outage at that moment leaves the order without its email. The periodic
`checkout.tasks.catch_up_emails` finds those orders and queues their tasks again. Queuing twice is
harmless: both tasks send at most once (each checks its timestamp under a row lock).
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Order, OrderEvent

PAID_STATUSES = (Order.Status.PAID, Order.Status.FULFILLED)


def _window(now, within):
    """From `within` ago up to `EMAIL_CATCH_UP_AFTER` ago: the queued task had its chance to run first."""
    return now - within, now - timedelta(seconds=settings.EMAIL_CATCH_UP_AFTER_SECONDS)


def orders_missing_confirmation(now=None):
    """Pending, still payable orders whose confirmation email was never sent (the email invites to pay)."""
    now = now or timezone.now()
    oldest, newest = _window(now, timedelta(days=1))
    return Order.objects.filter(
        status=Order.Status.PENDING,
        confirmation_sent_at__isnull=True,
        created_at__range=(oldest, newest),
        reserved_until__gt=now,
    )


def orders_missing_invoice_email(now=None):
    """Paid orders whose invoice was never issued or never emailed."""
    now = now or timezone.now()
    oldest, newest = _window(now, timedelta(days=settings.EMAIL_CATCH_UP_DAYS))
    return Order.objects.filter(status__in=PAID_STATUSES, paid_at__range=(oldest, newest)).filter(
        Q(invoice__isnull=True) | Q(invoice__emailed_at__isnull=True)
    )


def orders_missing_status_email(status, now=None):
    """Orders moved to `status` (shipped or cancelled) whose email about it was never sent.

    As `checkout.services.cancel_order` does, only a cancellation by a shop manager (the move has an actor)
    is emailed; the shop's own cancellation (a coupon that stopped applying) was told on the page.
    """
    now = now or timezone.now()
    oldest, newest = _window(now, timedelta(days=settings.EMAIL_CATCH_UP_DAYS))
    moves = OrderEvent.objects.filter(order=OuterRef("pk"), to_status=status, created_at__range=(oldest, newest))
    if status == Order.Status.CANCELLED:
        moves = moves.filter(actor__isnull=False)
    sent_at_field = Order.STATUS_EMAIL_SENT_AT[status]
    return Order.objects.filter(Exists(moves), status=status, **{f"{sent_at_field}__isnull": True})


def queue_missed_emails(now=None) -> dict[str, list[str]]:
    """Queue the confirmation, invoice and status email tasks of the orders that miss them; the order numbers
    queued, by kind ('confirmation', 'invoice', and the statuses of `Order.STATUS_EMAIL_SENT_AT`)."""
    from .invoice_tasks import issue_invoice
    from .tasks import send_order_confirmation, send_order_status_email

    missing = [
        ("confirmation", orders_missing_confirmation(now), send_order_confirmation.delay),
        ("invoice", orders_missing_invoice_email(now), issue_invoice.delay),
        *(
            (
                status.value,
                orders_missing_status_email(status, now),
                partial(send_order_status_email.delay, status=status.value),
            )
            for status in Order.STATUS_EMAIL_SENT_AT
        ),
    ]
    queued = {}
    for kind, orders, queue in missing:
        queued[kind] = []
        for order in orders.order_by("pk").only("pk", "number"):
            queue(order.pk)
            queued[kind].append(order.number)
    return queued
