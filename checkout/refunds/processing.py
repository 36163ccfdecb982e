"""Sending a recorded refund to the provider of the payment it gives back from, and keeping what it answers:
used by the shop manager's refund (at once) and by the make-good task (after the payment's transaction commits).

The provider is reached through the refund's payment (`Payment.give_back`), whichever it is: Stripe, the
test-card page (which refunds at once and in full, as Stripe would), or another.
"""

import logging

from django.db import transaction

from checkout.orders.alerts import raise_alert
from checkout.orders.emails import refunded_payment_email
from checkout.orders.models import Alert
from storefront.mail import send_once

from .models import Refund

logger = logging.getLogger(__name__)


def idempotency_key(refund: Refund) -> str:
    """Stable for the refund whoever sends it and however often: the make-good's payment, or the form's key."""
    if refund.kind == Refund.Kind.AUTOMATIC:
        return f"make-good-{refund.payment_intent_id}"
    return f"refund-{refund.order.number}-{refund.request_key or refund.pk}"


def send(refund: Refund) -> None:
    """Ask the provider for `refund` (status pending, not sent yet) and set its status and provider id; not saved.

    A refusal sets the status to failed with the provider's message. The provider not answering leaves it failed
    too, with that said: if it did refund meanwhile, its event records the refund (see
    `checkout.refunds.services.record_provider_refunds`).
    """
    if refund.payment is None:
        refund.status, refund.failure_message = Refund.Status.FAILED, "No payment to give the money back from"
        return
    answer = refund.payment.give_back(
        refund.amount,
        refund.currency,
        idempotency_key=idempotency_key(refund),
        reason="duplicate" if refund.kind == Refund.Kind.AUTOMATIC else "requested_by_customer",
        metadata={"order_number": refund.order.number, "refund": str(refund.pk)},
    )
    refund.provider_refund_id = answer.id or None
    refund.status = Refund.Status(answer.status)
    if refund.status == Refund.Status.FAILED:
        refund.failure_message = answer.failure_reason or "The provider refused the refund"
        return
    logger.info("Order %s: refund %s of %s is %s", refund.order.number, answer.id, refund.amount, refund.status)


def process_make_good(refund_pk: int) -> str:
    """Send an automatic refund (a payment that could not be applied) and tell the customer, each once.

    The refund row is locked (not the order), so a redelivered task waits and then finds it sent; the provider
    call carries the payment's idempotency key, so even a task that died after the provider answered refunds once.
    The customer's notice goes out after that commit, once (`storefront.mail.send_once`), holding no lock.
    """
    with transaction.atomic():
        refund = (
            Refund.objects.select_for_update(of=("self",))
            .select_related("order", "payment")
            .filter(pk=refund_pk)
            .first()
        )
        if refund is None or refund.kind != Refund.Kind.AUTOMATIC:
            return "no such automatic refund"
        if refund.status == Refund.Status.PENDING and not refund.provider_refund_id:
            send(refund)
            refund.save(update_fields=["status", "provider_refund_id", "failure_message", "updated_at"])
            if refund.counts:
                refund.payment.record_refunded(refund.amount)
            if not refund.counts:
                raise_alert(
                    Alert.Kind.REFUND_FAILED,
                    f"Automatic refund of payment {refund.payment_intent_id} ({refund.amount} {refund.currency}) "
                    f"failed: {refund.failure_message}",
                    refund.order,
                )
                return "failed"
    if refund.counts:
        send_once(
            Refund.objects.not_applied(),
            refund.pk,
            sent_field="emailed_at",
            claimed_field="email_claimed_at",
            build=refunded_payment_email,
            describe=lambda current: f"Order {current.order.number}: its refund {current.pk} email",
        )
    return refund.status
