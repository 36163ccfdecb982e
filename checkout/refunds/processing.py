"""Sending a recorded refund to Stripe and keeping what it answers: used by the shop manager's refund (at
once) and by the make-good task (after the payment's transaction commits).

A payment made on the offline test-card page (`pi_offline_…`) is refunded here without Stripe, as Stripe
would: at once and in full.
"""

import logging
import secrets

from django.db import transaction

from checkout.orders.alerts import raise_alert
from checkout.orders.emails import refunded_payment_email
from checkout.orders.models import Alert
from checkout.payments import gateway
from checkout.payments.errors import PaymentError, PaymentUnavailable
from storefront.mail import send_once

from .models import Refund

logger = logging.getLogger(__name__)

OFFLINE_PAYMENT_PREFIX = "pi_offline_"
# Stripe's refund statuses, as ours.
STATUSES = {
    "pending": Refund.Status.PENDING,
    "requires_action": Refund.Status.PENDING,
    "succeeded": Refund.Status.SUCCEEDED,
    "failed": Refund.Status.FAILED,
    "canceled": Refund.Status.CANCELED,
}


def idempotency_key(refund: Refund) -> str:
    """Stable for the refund whoever sends it and however often: the make-good's payment, or the form's key."""
    if refund.kind == Refund.Kind.AUTOMATIC:
        return f"make-good-{refund.payment_intent_id}"
    return f"refund-{refund.order.number}-{refund.request_key or refund.pk}"


def send(refund: Refund) -> None:
    """Ask Stripe for `refund` (status pending, not sent yet) and set its status and Stripe id; not saved.

    A refusal sets the status to failed with Stripe's message. Stripe not answering leaves it failed too, with
    that said: if Stripe did refund meanwhile, its `charge.refunded` event records the refund (see
    `checkout.refunds.services.record_stripe_refunds`).
    """
    if refund.payment_intent_id.startswith(OFFLINE_PAYMENT_PREFIX):
        refund.stripe_refund_id = f"re_offline_{secrets.token_hex(8)}"
        refund.status = Refund.Status.SUCCEEDED
        return
    try:
        answer = gateway.create_refund(
            refund.payment_intent_id,
            refund.amount,
            refund.currency,
            idempotency_key=idempotency_key(refund),
            reason="duplicate" if refund.kind == Refund.Kind.AUTOMATIC else "requested_by_customer",
            metadata={"order_number": refund.order.number, "refund": str(refund.pk)},
        )
    except PaymentUnavailable as error:
        refund.status, refund.failure_message = Refund.Status.FAILED, f"Stripe did not answer: {error}"
        return
    except PaymentError as error:
        refund.status, refund.failure_message = Refund.Status.FAILED, str(error)
        return
    refund.stripe_refund_id = answer["id"]
    refund.status = STATUSES.get(answer.get("status"), Refund.Status.PENDING)
    if refund.status == Refund.Status.FAILED:
        refund.failure_message = answer.get("failure_reason") or "Stripe refused the refund"
    logger.info("Order %s: refund %s of %s is %s", refund.order.number, answer["id"], refund.amount, refund.status)


def process_make_good(refund_pk: int) -> str:
    """Send an automatic refund (a payment that could not be applied) and tell the customer, each once.

    The refund row is locked (not the order), so a redelivered task waits and then finds it sent; the Stripe
    call carries the payment's idempotency key, so even a task that died after Stripe answered refunds once.
    The customer's notice goes out after that commit, once (`storefront.mail.send_once`), holding no lock.
    """
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("order").filter(pk=refund_pk).first()
        if refund is None or refund.kind != Refund.Kind.AUTOMATIC:
            return "no such automatic refund"
        if refund.status == Refund.Status.PENDING and not refund.stripe_refund_id:
            send(refund)
            refund.save(update_fields=["status", "stripe_refund_id", "failure_message", "updated_at"])
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
