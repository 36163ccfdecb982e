"""Fixtures of the payment tests, imported by name where used: the fake Stripe API and settings to reach it."""

import json

import pytest
import stripe

from checkout import tasks
from checkout.payments.providers import stripe as stripe_gateway

from .fake_stripe import FakeStripeServer

WEBHOOK_SECRET = "whsec_test_secret"


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    """The local fake Stripe API, with settings pointing the shop at it (secret key set: offline page off)."""
    with FakeStripeServer() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_fake"
        settings.PAYMENT_PROVIDER = settings.STRIPE_PAYMENTS
        settings.STRIPE_PUBLISHABLE_KEY = "pk_test_fake"
        settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.STRIPE_API_BASE = fake.url
        # Keep failure tests quick: the SDK's retry pauses are half a second and more.
        monkeypatch.setattr(stripe_gateway, "MAX_NETWORK_RETRIES", 1)
        monkeypatch.setattr(stripe_gateway, "REQUEST_TIMEOUT_SECONDS", 2)
        yield fake


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return WEBHOOK_SECRET


@pytest.fixture
def offline(settings):
    """No Stripe keys, offline page allowed (development)."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    settings.PAYMENT_PROVIDER = settings.TEST_CARD_PAYMENTS


@pytest.fixture
def queued_invoices(monkeypatch):
    """Order ids the invoice task was queued for (the task itself does not run)."""
    queued = []
    monkeypatch.setattr(tasks.issue_invoice, "delay", queued.append)
    return queued


@pytest.fixture
def queued_credit_notes(monkeypatch):
    """Refund ids the credit note task was queued for (the task itself does not run)."""
    queued = []
    monkeypatch.setattr(tasks.issue_credit_note, "delay", queued.append)
    return queued


@pytest.fixture(autouse=True)
def invoice_task_never_reaches_a_broker(monkeypatch):
    """The PostgreSQL pass configures the machine's RabbitMQ: a test must run the invoice and credit note tasks
    eagerly or mock them."""
    from storefront.celery import app

    def guard(task):
        apply_async = task.apply_async

        def guarded(*args, **kwargs):
            if not app.conf.task_always_eager:
                pytest.fail(f"The task {task.name} was sent to the real broker: use celery_eager or mock it")
            return apply_async(*args, **kwargs)

        monkeypatch.setattr(task, "apply_async", guarded)

    guard(tasks.issue_invoice)
    guard(tasks.issue_credit_note)


@pytest.fixture
def celery_eager():
    """Tasks run in-process right away, even in the PostgreSQL pass (which configures a broker)."""
    from storefront.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def signed(event: dict, *, secret=WEBHOOK_SECRET, timestamp=None) -> tuple[str, str]:
    """(body, Stripe-Signature header) as Stripe would send them, signed by the stripe library."""
    body = json.dumps(event)
    return body, stripe.WebhookSignature.generate_signature_header(body, secret, timestamp=timestamp)


def post_webhook(client, event, **kwargs):
    body, header = signed(event, **kwargs)
    return client.post("/payment/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
