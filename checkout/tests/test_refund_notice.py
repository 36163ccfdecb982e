"""The notice of a payment given back (a make-good refund) goes out once, through `storefront.mail.send_once`,
after the refund's transaction: a failed send loses neither the refund's status nor the email."""

from decimal import Decimal

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from checkout.models import Refund
from checkout.refunds.processing import process_make_good
from storefront.mail import SendInProgress

from .factories import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def given_back():
    """A payment Stripe already gave back for a pending order, its customer not told yet."""
    order = make_order(language="en")
    return Refund.objects.create(
        order=order,
        kind=Refund.Kind.AUTOMATIC,
        status=Refund.Status.SUCCEEDED,
        amount=Decimal("48.00"),
        currency=order.currency,
        reason="amount_mismatch",
        payment_intent_id="pi_test_1",
        provider_refund_id="re_test_1",
    )


def test_the_customer_is_told_once_however_often_the_task_runs(given_back, mailoutbox):
    assert process_make_good(given_back.pk) == "succeeded"
    assert process_make_good(given_back.pk) == "succeeded"

    given_back.refresh_from_db()
    assert [message.to for message in mailoutbox] == [[given_back.order.email]]
    assert mailoutbox[0].extra_headers["Message-ID"].startswith(f"<order-{given_back.order.number}.refund-")
    assert given_back.emailed_at is not None and given_back.email_claimed_at is None


def test_a_failed_notice_gives_its_claim_back_and_the_retry_sends_it(given_back, mailoutbox, monkeypatch):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with pytest.raises(ConnectionRefusedError):
        process_make_good(given_back.pk)
    given_back.refresh_from_db()
    assert (given_back.status, given_back.emailed_at, given_back.email_claimed_at) == ("succeeded", None, None)

    monkeypatch.undo()
    process_make_good(given_back.pk)

    assert len(mailoutbox) == 1


def test_a_notice_another_task_is_sending_is_not_sent_twice(given_back, mailoutbox):
    Refund.objects.filter(pk=given_back.pk).update(email_claimed_at=timezone.now())

    with pytest.raises(SendInProgress, match=f"Order {given_back.order.number}: its refund {given_back.pk} email"):
        process_make_good(given_back.pk)

    assert mailoutbox == []


def test_a_refund_that_failed_tells_nobody(given_back, mailoutbox):
    Refund.objects.filter(pk=given_back.pk).update(status=Refund.Status.FAILED)

    assert process_make_good(given_back.pk) == "failed"

    assert mailoutbox == []
    assert Refund.objects.get(pk=given_back.pk).email_claimed_at is None
