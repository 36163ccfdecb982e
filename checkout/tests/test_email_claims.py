"""Emails never hold an order hostage: claimed atomically, sent outside any row lock within a deadline, each
with a Message-ID made of the order number and the kind of email.

The tests with threads run on PostgreSQL (real row locks); the others on both databases.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.utils import timezone

from checkout.invoices.documents import email_invoice, generate_invoice
from checkout.models import Invoice, Order
from checkout.orders import emails, services
from checkout.tasks import issue_invoice, send_order_confirmation, send_order_status_email
from storefront.mail import SendDeadlineExceeded, SendInProgress
from storefront.tests.smtp_server import SMTPTestServer

from .conftest import CUSTOMER, ListCart
from .payment_factories import make_paid_order
from .test_concurrency import in_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(shop, customer):
    return services.place_order(ListCart((shop["kettle"], 1)), customer, "en")


def claimed(minutes_ago: float):
    return timezone.now() - timedelta(minutes=minutes_ago)


# --- Message-ID --------------------------------------------------------------------------------------------


def test_the_confirmation_has_a_message_id_of_its_order_and_kind(order, mailoutbox):
    emails.send_confirmation(order.pk)

    (message,) = mailoutbox
    assert message.message()["Message-ID"] == f"<order-{order.number}.confirmation@example.com>"


@pytest.mark.parametrize("status", [Order.Status.SHIPPED, Order.Status.CANCELLED])
def test_a_status_email_has_a_message_id_of_its_order_and_status(status, mailoutbox):
    order = make_paid_order()
    Order.objects.filter(pk=order.pk).update(status=status)

    emails.send_status_email(order.pk, status)

    (message,) = mailoutbox
    assert message.message()["Message-ID"] == f"<order-{order.number}.{status.value}@example.com>"


def test_the_invoice_email_has_a_message_id_of_its_order(mailoutbox):
    order = make_paid_order()

    email_invoice(generate_invoice(order))

    (message,) = mailoutbox
    assert message.message()["Message-ID"] == f"<order-{order.number}.invoice@example.com>"


def test_a_message_sent_again_keeps_its_message_id(order):
    first = emails.confirmation_email(order).message()["Message-ID"]
    second = emails.confirmation_email(Order.objects.get(pk=order.pk)).message()["Message-ID"]

    assert first == second == f"<order-{order.number}.confirmation@example.com>"


# --- Claims ------------------------------------------------------------------------------------------------


def test_a_sent_email_leaves_no_claim(order, mailoutbox):
    assert emails.send_confirmation(order.pk) is True

    order.refresh_from_db()
    assert order.confirmation_sent_at is not None
    assert order.confirmation_claimed_at is None


def test_an_email_claimed_by_a_running_task_is_not_sent_and_the_task_retries_later(order, mailoutbox):
    Order.objects.filter(pk=order.pk).update(confirmation_claimed_at=claimed(minutes_ago=1))

    with pytest.raises(SendInProgress, match=f"Order {order.number}: its confirmation email is being sent"):
        emails.send_confirmation(order.pk)

    assert mailoutbox == []
    assert SendInProgress in send_order_confirmation.autoretry_for
    assert SendInProgress in send_order_status_email.autoretry_for
    assert SendInProgress in issue_invoice.autoretry_for


def test_a_stale_claim_of_a_worker_that_died_is_taken_over(order, mailoutbox, settings):
    stale = claimed(minutes_ago=settings.EMAIL_CLAIM_SECONDS / 60 + 1)
    Order.objects.filter(pk=order.pk).update(confirmation_claimed_at=stale)

    assert emails.send_confirmation(order.pk) is True

    order.refresh_from_db()
    assert len(mailoutbox) == 1
    assert order.confirmation_claimed_at is None


def test_a_failed_send_gives_the_claim_back_so_that_the_retry_sends(order, mailoutbox, monkeypatch):
    def refuse(self, fail_silently=False):
        raise SendDeadlineExceeded("The mail server took more than 30 s in total")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)

    with pytest.raises(SendDeadlineExceeded):
        emails.send_confirmation(order.pk)
    monkeypatch.undo()
    retried = emails.send_confirmation(order.pk)

    order.refresh_from_db()
    assert retried is True
    assert len(mailoutbox) == 1
    assert order.confirmation_sent_at is not None and order.confirmation_claimed_at is None


def test_a_sent_email_is_not_claimed_again(order, mailoutbox):
    emails.send_confirmation(order.pk)

    assert emails.send_confirmation(order.pk) is False
    assert Order.objects.get(pk=order.pk).confirmation_claimed_at is None


def test_an_invoice_email_claimed_by_a_running_task_is_not_sent(mailoutbox):
    invoice = generate_invoice(make_paid_order())
    Invoice.objects.filter(pk=invoice.pk).update(email_claimed_at=claimed(minutes_ago=1))

    with pytest.raises(SendInProgress, match=f"Invoice {invoice.display_number} is being sent"):
        email_invoice(invoice)

    assert mailoutbox == []


def test_a_failed_invoice_email_gives_the_claim_back(monkeypatch, mailoutbox):
    invoice = generate_invoice(make_paid_order())

    def refuse(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)

    with pytest.raises(ConnectionRefusedError):
        email_invoice(invoice)

    invoice.refresh_from_db()
    assert (invoice.emailed_at, invoice.email_claimed_at) == (None, None)


# --- Real threads, real row locks (PostgreSQL) -----------------------------------------------------------


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


@pytest.fixture
def unsent_order(shop):
    """A placed order whose confirmation was not sent (the eager send on commit is forgotten)."""
    order = services.place_order(ListCart((shop["kettle"], 1)), dict(CUSTOMER), "en")
    Order.objects.filter(pk=order.pk).update(confirmation_sent_at=None)
    mail.outbox = []
    return order


@pytest.mark.usefixtures("postgres_only")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_payment_locks_the_order_at_once_while_its_email_is_stuck_on_a_trickling_server(unsent_order, settings):
    with SMTPTestServer(trickle_at="data") as server:
        settings.EMAIL_BACKEND = "storefront.mail.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 20
        settings.EMAIL_SEND_DEADLINE = 3
        sender, outcome = in_thread(emails.send_confirmation, unsent_order.pk)
        assert server.trickling.wait(timeout=10)

        # While the mail server trickles, a payment takes the order's row lock
        started = time.monotonic()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            locked = Order.objects.locked(unsent_order)
        waited = time.monotonic() - started
        sender.join(timeout=10)

    unsent_order.refresh_from_db()
    assert locked.pk == unsent_order.pk
    assert waited < 0.5
    (error,) = outcome
    assert isinstance(error, SendDeadlineExceeded)
    assert (unsent_order.confirmation_sent_at, unsent_order.confirmation_claimed_at) == (None, None)
    assert len(server.messages) == 1  # stored by the server, never confirmed: the retry sends it again


@pytest.mark.usefixtures("postgres_only")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_task_finds_the_email_claimed_at_once_and_nothing_goes_out_twice(unsent_order, monkeypatch):
    sending, finish = threading.Event(), threading.Event()
    real_send = EmailBackend.send_messages

    def stuck_send(self, messages):
        sending.set()
        finish.wait(timeout=10)  # a slow mail server: the second task runs while the first is sending
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", stuck_send)
    first, first_outcome = in_thread(emails.send_confirmation, unsent_order.pk)
    assert sending.wait(timeout=10)

    second, second_outcome = in_thread(emails.send_confirmation, unsent_order.pk)
    second.join(timeout=5)
    second_done_while_first_sends = not second.is_alive()
    finish.set()
    first.join(timeout=10)

    assert second_done_while_first_sends
    assert first_outcome == [True]
    (error,) = second_outcome
    assert isinstance(error, SendInProgress)
    assert len(mail.outbox) == 1
    # The second task's retry then finds the email sent
    assert emails.send_confirmation(unsent_order.pk) is False


@pytest.mark.usefixtures("postgres_only")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_invoice_tasks_at_once_email_the_invoice_once(monkeypatch):
    invoice = generate_invoice(make_paid_order())
    mail.outbox = []
    start = threading.Barrier(2)
    real_send = EmailBackend.send_messages

    def slow_send(self, messages):
        time.sleep(0.5)
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)

    def deliver():
        start.wait(timeout=10)
        return email_invoice(invoice)

    runs = [in_thread(deliver) for _ in range(2)]
    for thread, _outcome in runs:
        thread.join(timeout=30)

    outcomes = [outcome[0] for _thread, outcome in runs]
    assert outcomes.count(True) == 1
    assert [type(outcome) for outcome in outcomes if outcome is not True] == [SendInProgress]
    assert len(mail.outbox) == 1
    assert Invoice.objects.get(pk=invoice.pk).emailed_at is not None
