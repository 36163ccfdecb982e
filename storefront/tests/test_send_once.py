"""`storefront.mail.send_once`: each email at most once per row, and never lost to a sender that died.

The rows here are orders and their confirmation fields; any model with a "sent" and a "claimed" timestamp works
the same way (the order emails, invoices, credit notes and refund notices all go through it)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from checkout.orders.models import Order
from checkout.tests.factories import make_order
from storefront.mail import SendInProgress, send_once

pytestmark = pytest.mark.django_db


class Message:
    """What `build` returns: records the rows it was sent for, or raises `error` once."""

    def __init__(self, outbox, row, error=None):
        self.outbox, self.row, self.error = outbox, row, error

    def send(self):
        if self.error:
            raise self.error
        self.outbox.append(self.row.pk)


@pytest.fixture
def order():
    order = make_order()
    Order.objects.filter(pk=order.pk).update(confirmation_sent_at=None, confirmation_claimed_at=None)
    return order


def send(order_pk, outbox, *, eligible=None, error=None):
    return send_once(
        eligible if eligible is not None else Order.objects.all(),
        order_pk,
        sent_field="confirmation_sent_at",
        claimed_field="confirmation_claimed_at",
        build=lambda row: Message(outbox, row, error),
        describe=lambda row: f"Order {row.number}: its test email",
        stamp=("updated_at",),
    )


def fields(order) -> tuple:
    order.refresh_from_db()
    return order.confirmation_sent_at, order.confirmation_claimed_at


def test_the_email_is_sent_once_and_recorded_without_a_claim_left(order):
    outbox = []
    before = Order.objects.get(pk=order.pk).updated_at

    assert send(order.pk, outbox) is True
    assert send(order.pk, outbox) is False

    sent_at, claimed_at = fields(order)
    assert outbox == [order.pk]
    assert sent_at is not None and claimed_at is None
    assert order.updated_at == sent_at > before  # the `stamp` fields get the time it was recorded


def test_a_fresh_claim_of_another_sender_is_left_alone_and_the_caller_retries_later(order, settings):
    claimed_at = timezone.now() - timedelta(seconds=settings.EMAIL_CLAIM_SECONDS - 60)
    Order.objects.filter(pk=order.pk).update(confirmation_claimed_at=claimed_at)
    outbox = []

    with pytest.raises(SendInProgress, match=f"Order {order.number}: its test email is being sent by another task"):
        send(order.pk, outbox)

    assert outbox == []
    assert fields(order) == (None, claimed_at)


def test_a_stale_claim_of_a_sender_that_died_is_taken_over_so_nothing_is_lost(order, settings):
    stale = timezone.now() - timedelta(seconds=settings.EMAIL_CLAIM_SECONDS + 60)
    Order.objects.filter(pk=order.pk).update(confirmation_claimed_at=stale)
    outbox = []

    assert send(order.pk, outbox) is True

    sent_at, claimed_at = fields(order)
    assert outbox == [order.pk]
    assert sent_at is not None and claimed_at is None


@pytest.mark.parametrize("error", [ConnectionRefusedError(111, "refused"), KeyboardInterrupt()])
def test_a_failed_send_gives_the_claim_back_and_raises_so_that_the_retry_sends(order, error):
    outbox = []

    with pytest.raises(type(error)):
        send(order.pk, outbox, error=error)
    assert fields(order) == (None, None)

    assert send(order.pk, outbox) is True
    assert outbox == [order.pk]


def test_a_row_no_longer_eligible_gets_nothing_and_keeps_no_claim(order):
    outbox = []

    sent = send(order.pk, outbox, eligible=Order.objects.filter(status=Order.Status.CANCELLED))

    assert sent is False
    assert outbox == []
    assert fields(order) == (None, None)


def test_a_row_that_vanished_gets_nothing():
    outbox = []

    assert send(999_999, outbox) is False
    assert outbox == []


def test_the_message_is_built_from_the_row_as_it_is_when_claimed(order):
    Order.objects.filter(pk=order.pk).update(email="new@example.com")
    built = []

    def build(row):
        built.append(row.email)
        return Message([], row)

    send_once(
        Order.objects.all(),
        order.pk,
        sent_field="confirmation_sent_at",
        claimed_field="confirmation_claimed_at",
        build=build,
        describe=str,
    )

    assert built == ["new@example.com"]
