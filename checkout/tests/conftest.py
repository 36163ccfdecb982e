"""Fixtures of the checkout tests; each comes from the module named here."""

from .payment_fixtures import celery_eager, fake_stripe, offline, queued_invoices, webhook_secret  # noqa: F401
