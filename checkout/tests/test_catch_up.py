"""Emails whose task never ran (broker down at commit, retries exhausted) are queued again, and sent once."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from checkout import tasks
from checkout.invoices.documents import generate_invoice
from checkout.models import Invoice, Order
from checkout.orders import services

from .conftest import ListCart
from .factories import make_order, make_paid_order

pytestmark = pytest.mark.django_db


def aged(order, **ago):
    """The order as if it had been created (and paid, if it is paid) this long ago."""
    moment = timezone.now() - timedelta(**ago)
    Order.objects.filter(pk=order.pk).update(created_at=moment, paid_at=moment if order.paid_at else None)
    return order


@pytest.fixture
def queued(monkeypatch):
    """{kind: [order ids; refund ids for "credit note"]} the email tasks were queued for (they do not run); kinds
    as `queue_missed_emails`'s."""
    queued = {"confirmation": [], "invoice": [], "shipped": [], "cancelled": [], "credit note": []}
    monkeypatch.setattr(tasks.send_order_confirmation, "delay", queued["confirmation"].append)
    monkeypatch.setattr(tasks.issue_invoice, "delay", queued["invoice"].append)
    monkeypatch.setattr(tasks.issue_credit_note, "delay", queued["credit note"].append)
    monkeypatch.setattr(
        tasks.send_order_status_email, "delay", lambda order_pk, status: queued[status].append(order_pk)
    )
    return queued


def test_pending_orders_without_their_confirmation_are_queued_again(queued):
    missed = aged(make_order(), minutes=15)
    aged(make_order(), minutes=2)  # its task may still be on its way
    aged(make_order(confirmation_sent_at=timezone.now()), minutes=15)
    aged(make_order(reserved_minutes=-1), minutes=90)  # the time to pay is over: no invitation to pay
    aged(make_order(), days=2)
    expired = aged(make_order(), minutes=15)
    expired.move_to(Order.Status.EXPIRED)

    numbers = tasks.queue_missed_emails()

    assert numbers == {
        "confirmation": [missed.number],
        "invoice": [],
        "shipped": [],
        "cancelled": [],
        "credit note": [],
    }
    assert queued == {"confirmation": [missed.pk], "invoice": [], "shipped": [], "cancelled": [], "credit note": []}


def test_paid_orders_without_their_invoice_email_are_queued_again(queued, settings):
    settings.EMAIL_CATCH_UP_DAYS = 7
    no_invoice = aged(make_paid_order(confirmation_sent_at=timezone.now()), minutes=20)
    not_emailed = aged(make_paid_order(confirmation_sent_at=timezone.now()), hours=5)
    Invoice.objects.create(order=not_emailed, number=1)
    emailed = aged(make_paid_order(confirmation_sent_at=timezone.now()), hours=5)
    Invoice.objects.create(order=emailed, number=2, emailed_at=timezone.now())
    aged(make_paid_order(confirmation_sent_at=timezone.now()), minutes=3)  # its task may still be on its way
    aged(make_paid_order(confirmation_sent_at=timezone.now()), days=8)

    tasks.queue_missed_emails()

    assert queued == {
        "confirmation": [],
        "invoice": [no_invoice.pk, not_emailed.pk],
        "shipped": [],
        "cancelled": [],
        "credit note": [],
    }


def test_the_waiting_time_is_a_setting(queued, settings):
    settings.EMAIL_CATCH_UP_AFTER_SECONDS = 60
    order = aged(make_order(), minutes=2)

    tasks.queue_missed_emails()

    assert queued["confirmation"] == [order.pk]


def test_the_periodic_task_is_scheduled():
    schedule = settings.CELERY_BEAT_SCHEDULE["catch-up-emails"]
    assert schedule["task"] == tasks.catch_up_emails.name
    assert schedule["schedule"] <= timedelta(minutes=15)


def test_a_confirmation_lost_to_a_broker_outage_is_sent_once_by_the_catch_up(shop, customer, mailoutbox, celery_eager):
    # place_order's after-commit queueing does not run inside this test's transaction: as if the broker was down
    order = aged(services.place_order(ListCart((shop["kettle"], 1)), customer, "es"), minutes=15)

    tasks.catch_up_emails()
    tasks.catch_up_emails()

    (message,) = mailoutbox
    assert message.to == ["ana@example.com"]
    assert message.subject == f"Tu pedido {order.number} en My Shop"
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is not None


def test_an_invoice_never_emailed_is_emailed_once_by_the_catch_up(mailoutbox, celery_eager):
    order = aged(make_paid_order(confirmation_sent_at=timezone.now()), hours=1)
    generate_invoice(order)  # issued, but the email task gave up

    tasks.catch_up_emails()
    tasks.catch_up_emails()

    (message,) = mailoutbox
    assert message.attachments[0][2] == "application/pdf"
    assert Invoice.objects.get(order=order).emailed_at is not None


def test_paid_orders_without_their_confirmation_are_queued_again(queued):
    # The broker was down from placing the order to paying it: no confirmation task was ever queued.
    paid = aged(make_paid_order(), minutes=15)
    aged(make_paid_order(), minutes=2)  # its task may still be on its way
    aged(make_paid_order(confirmation_sent_at=timezone.now()), minutes=15)
    aged(make_paid_order(), days=2)

    numbers = tasks.queue_missed_emails()

    assert numbers["confirmation"] == [paid.number]
    assert queued["confirmation"] == [paid.pk]


def test_the_confirmation_of_a_paid_order_thanks_for_the_payment_and_asks_for_nothing(mailoutbox, celery_eager):
    order = aged(make_paid_order(language="es"), minutes=15)
    Invoice.objects.create(order=order, number=1, emailed_at=timezone.now())

    tasks.catch_up_emails()
    tasks.catch_up_emails()

    (confirmation,) = mailoutbox
    assert confirmation.subject == f"Tu pedido {order.number} en My Shop"
    assert f"Gracias por tu pedido {order.number}. Hemos recibido tu pago." in confirmation.body
    assert "págalo" not in confirmation.body
    assert "pagarlo" not in confirmation.alternatives[0][0]
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is not None
