"""Celery tasks of the order flow; each one only calls a service, and is safe to run twice.

Run a worker with `celery -A storefront worker -l info` and the scheduler with `celery -A storefront beat`.
"""

import logging
import smtplib

from celery import shared_task

from . import catch_up, services

logger = logging.getLogger(__name__)


# A mail server that fails is retried with growing waits (30 s, 1 min, 2 min … up to an hour).
EMAIL_RETRIES = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 10,
}


@shared_task(**EMAIL_RETRIES)
def send_order_confirmation(order_pk: int) -> bool:
    """Email the 'order received' message, once."""
    return services.send_confirmation(order_pk)


@shared_task(**EMAIL_RETRIES)
def send_order_status_email(order_pk: int, status: str) -> bool:
    """Email the 'shipped' or 'cancelled' message of an order that moved to `status`, once."""
    return services.send_status_email(order_pk, status)


@shared_task
def expire_unpaid_orders() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): expire pending orders whose reservation is over; stock returns."""
    expired = services.expire_overdue_orders()
    if expired:
        logger.info("Expired %d unpaid orders: %s", len(expired), ", ".join(expired))
    return len(expired)


@shared_task
def catch_up_emails() -> dict[str, list[str]]:
    """Periodic (CELERY_BEAT_SCHEDULE): queue again the confirmation, invoice and status emails that never went
    out."""
    queued = catch_up.queue_missed_emails()
    for kind, numbers in queued.items():
        if numbers:
            logger.warning("Queued the %s email again for %d orders: %s", kind, len(numbers), ", ".join(numbers))
    return queued
