"""Catching up on emails whose task never ran: the broker was down when the order or payment committed,
or the task gave up after its retries.

The order and the payment are committed first and their emails queued after the commit (so a task never
sees uncommitted rows); a broker outage at that moment leaves the order without its email. The periodic
`checkout.tasks.catch_up_emails` finds those orders and queues their tasks again. Queuing twice is
harmless: both tasks send at most once (each checks its timestamp under a row lock).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Order

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


def queue_missed_emails(now=None) -> dict[str, list[str]]:
    """Queue the confirmation and invoice tasks of the orders that miss them; the order numbers queued."""
    from .invoice_tasks import issue_invoice
    from .tasks import send_order_confirmation

    queued = {"confirmation": [], "invoice": []}
    for order in orders_missing_confirmation(now).order_by("pk").only("pk", "number"):
        send_order_confirmation.delay(order.pk)
        queued["confirmation"].append(order.number)
    for order in orders_missing_invoice_email(now).order_by("pk").only("pk", "number"):
        issue_invoice.delay(order.pk)
        queued["invoice"].append(order.number)
    return queued
