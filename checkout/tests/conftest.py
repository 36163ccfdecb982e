"""Fixtures of the checkout tests; each comes from the module named here."""

from .payment_fixtures import (  # noqa: F401
    celery_eager,
    fake_stripe,
    invoice_task_never_reaches_a_broker,
    offline,
    queued_invoices,
    webhook_secret,
)
