"""Every Celery task of the checkout app; each calls one function of a sub-package and is safe to run twice.

Celery's autodiscovery imports this module, and so does `CheckoutConfig.ready`: the sub-packages below (orders,
refunds) never import it, they announce what happened (`checkout.signals`) and the receivers at the end of this
module queue the tasks. The tasks keep the names they were queued under before the app was split into
sub-packages, so messages already in the broker still run.

Run a worker with `celery -A storefront worker -l info` and the scheduler with `celery -A storefront beat`.
"""

import logging
import smtplib
from functools import partial

from celery import Task, shared_task
from django.dispatch import receiver

from storefront.mail import SendInProgress

from .invoices import credit_notes
from .invoices.documents import InvoiceRenderFailed, email_invoice, generate_invoice
from .orders import emails, reservations
from .orders.alerts import raise_alert
from .orders.models import Alert, Order
from .refunds import processing
from .refunds.models import Refund
from .signals import credit_note_due, make_good_due, order_placed, status_email_due

logger = logging.getLogger(__name__)


class CustomerEmailTask(Task):
    """A task that sends a customer something. When it gives up (its retries exhausted, or an error it does not
    retry), a customer will not hear from us by themselves: the shop managers are alerted with the order."""

    # What the task's first argument is: an order's pk, or a refund's.
    argument_is = "order"

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        pk = args[0] if args else None
        order = None
        if pk is not None and self.argument_is == "order":
            order = Order.objects.filter(pk=pk).first()
        elif pk is not None:
            order = Order.objects.filter(refunds__pk=pk).first()
        raise_alert(
            Alert.Kind.EMAIL_FAILED,
            f"{self.name} gave up after {self.request.retries} retries: {type(exc).__name__}: {exc}",
            order,
        )


# A mail server that fails (or passes EMAIL_SEND_DEADLINE: a TimeoutError), and an email another task is
# sending right now, are retried with growing waits (30 s, 1 min, 2 min … up to an hour). Every task has the
# soft and hard time limits of CELERY_TASK_SOFT_TIME_LIMIT and CELERY_TASK_TIME_LIMIT.
EMAIL_RETRIES = {
    "autoretry_for": (smtplib.SMTPException, OSError, SendInProgress),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 10,
}


@shared_task(name="checkout.tasks.send_order_confirmation", base=CustomerEmailTask, **EMAIL_RETRIES)
def send_order_confirmation(order_pk: int) -> bool:
    """Email the 'order received' message, once."""
    return emails.send_confirmation(order_pk)


@shared_task(name="checkout.tasks.send_order_status_email", base=CustomerEmailTask, **EMAIL_RETRIES)
def send_order_status_email(order_pk: int, status: str) -> bool:
    """Email the 'shipped' or 'cancelled' message of an order that moved to `status`, once."""
    return emails.send_status_email(order_pk, status)


# Issuing a document (invoice, credit note) retries a render failure, a mail server or connection error and an
# email another task is sending, with growing waits.
DOCUMENT_RETRIES = {
    "autoretry_for": (InvoiceRenderFailed, smtplib.SMTPException, ConnectionError, TimeoutError, SendInProgress),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="checkout.invoice_tasks.issue_invoice", base=CustomerEmailTask, **DOCUMENT_RETRIES)
def issue_invoice(order_id: int) -> None:
    """Issue the paid order's invoice and email it, once; a failed render or a mail server error retries with a
    growing delay (the 10-minute catch-up is the last resort, not the first).

    Running it twice changes nothing: the number is assigned once, the PDF is rendered if missing, the email is
    sent if not sent yet.
    """
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        logger.error("Invoice task: no order with id %s", order_id)
        return
    email_invoice(generate_invoice(order))


@shared_task(name="checkout.tasks.issue_credit_note", base=CustomerEmailTask, argument_is="refund", **DOCUMENT_RETRIES)
def issue_credit_note(refund_pk: int) -> bool:
    """Issue the credit note of a succeeded refund and email it, once; True if emailed now. Queued when a refund
    is recorded or succeeds later (`checkout.refunds.services`); a refund not (or no longer) due one is skipped.

    Running it twice changes nothing: the number is assigned once, the PDF rendered if missing, the email sent
    if not sent yet.
    """
    refund = Refund.objects.filter(pk=refund_pk).first()
    if refund is None:
        logger.error("Credit note task: no refund with id %s", refund_pk)
        return False
    try:
        credit_note = credit_notes.generate_credit_note(refund)
    except credit_notes.CreditNoteNotAvailable as reason:
        logger.info("No credit note: %s", reason)
        return False
    return credit_notes.email_credit_note(credit_note)


@shared_task(name="checkout.tasks.expire_unpaid_orders")
def expire_unpaid_orders() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): expire pending orders whose reservation is over; stock returns."""
    expired = reservations.expire_overdue_orders()
    if expired:
        logger.info("Expired %d unpaid orders: %s", len(expired), ", ".join(expired))
    return len(expired)


@shared_task(name="checkout.tasks.catch_up_emails")
def catch_up_emails() -> dict[str, list[str]]:
    """Periodic (CELERY_BEAT_SCHEDULE): queue again the confirmation, invoice, status and credit note emails that
    never went out."""
    queued = queue_missed_emails()
    for kind, numbers in queued.items():
        if numbers:
            logger.warning("Queued the %s email again for %d orders: %s", kind, len(numbers), ", ".join(numbers))
    return queued


def queue_missed_emails(now=None) -> dict[str, list[str]]:
    """Queue the confirmation, invoice and status email tasks of the orders that miss them (found by
    `checkout.orders.emails`); the order numbers queued, by kind ('confirmation', 'invoice', and the statuses of
    `Order.STATUS_EMAIL_SENT_AT`)."""
    missing = [
        ("confirmation", emails.orders_missing_confirmation(now), send_order_confirmation.delay),
        ("invoice", emails.orders_missing_invoice_email(now), issue_invoice.delay),
        *(
            (
                status.value,
                emails.orders_missing_status_email(status, now),
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
    queued["credit note"] = queue_missed_credit_notes(now)
    return queued


def queue_missed_credit_notes(now=None) -> list[str]:
    """Queue the credit note task of the refunds whose credit note was never issued or emailed; their orders'
    numbers (one per refund)."""
    refunds = credit_notes.refunds_missing_credit_note_email(now).order_by("pk").select_related("order")
    for refund in refunds:
        issue_credit_note.delay(refund.pk)
    return [refund.order.number for refund in refunds]


@shared_task(name="checkout.tasks.make_good_refund", base=CustomerEmailTask, argument_is="refund", **EMAIL_RETRIES)
def make_good_refund(refund_pk: int) -> str:
    """Give back a payment that could not be applied, and tell the customer; each once (see
    `checkout.refunds.processing.process_make_good`)."""
    return processing.process_make_good(refund_pk)


# --- What the sub-packages announce, queued (each sent after its transaction commits) ----------------------


@receiver(order_placed, dispatch_uid="checkout.tasks.order_placed")
def _queue_confirmation(sender, order_pk, **kwargs):
    send_order_confirmation.delay(order_pk)


@receiver(status_email_due, dispatch_uid="checkout.tasks.status_email_due")
def _queue_status_email(sender, order_pk, status, **kwargs):
    send_order_status_email.delay(order_pk, status)


@receiver(credit_note_due, dispatch_uid="checkout.tasks.credit_note_due")
def _queue_credit_note(sender, refund_pk, **kwargs):
    issue_credit_note.delay(refund_pk)


@receiver(make_good_due, dispatch_uid="checkout.tasks.make_good_due")
def _queue_make_good(sender, refund_pk, **kwargs):
    make_good_refund.delay(refund_pk)
