"""The invoice task: issue, render and email the invoice of a paid order, once, after the payment commits.

Celery's autodiscovery imports only `<app>.tasks`; `CheckoutConfig.ready()` imports this module so the
worker registers the task. Running it twice changes nothing: the number is assigned once, the PDF is
rendered if missing, the email is sent if not sent yet.
"""

import logging
from smtplib import SMTPException

from celery import shared_task

from .models import Order

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=8,
)
def issue_invoice(order_id: int) -> None:
    """Issue the order's invoice and email it; a mail server error retries with a growing delay."""
    from .invoices import email_invoice, generate_invoice

    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        logger.error("Invoice task: no order with id %s", order_id)
        return
    email_invoice(generate_invoice(order))
