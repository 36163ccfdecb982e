"""What a payment provider tells us: each event stored once by its id, then acted on, whatever its provider.

The webhook (`webhooks`) and the test-card page feed `handle_event` with an event as the provider sent it; the
provider turns it into a `ProviderEvent`, and the event's kind decides what happens: a paid session settles its
order (`settle`), a failed or expired one ends it, money given back, a refund's new status and a dispute are
recorded with the order's refunds (`checkout.refunds.services`). A repeated delivery is recognised and not
processed again.
"""

import logging

from django.db import transaction
from django.utils import timezone

from checkout.orders.models import InvalidTransition, Order
from checkout.orders.reservations import expire_order, fail_order
from checkout.refunds.services import record_dispute, record_provider_refunds, update_refund

from . import providers
from .models import Payment, PaymentEvent
from .providers import EventKind, PaymentProvider, ProviderEvent
from .settle import Result, end_with_session, mark_paid, no_order

logger = logging.getLogger(__name__)

Outcome = PaymentEvent.Outcome
# Outcomes after which a stored event is done; a delivery of it again changes nothing.
FINAL_OUTCOMES = {Outcome.PROCESSED, Outcome.IGNORED, Outcome.MISMATCH}
# Outcomes after which the event counts as applied to its payment (`Payment.last_event_id`).
APPLIED_OUTCOMES = {Outcome.PROCESSED, Outcome.MISMATCH}


def _paid_by(event: ProviderEvent, provider: PaymentProvider) -> tuple[Order | None, Payment | None]:
    """The order and payment a charge, refund or dispute is about: the attempt with that provider payment, else
    the order named in the event's metadata (our refunds carry it) and the payment that paid it."""
    if event.payment_reference:
        payment = (
            Payment.objects.filter(provider=provider.name, payment_intent_id=event.payment_reference)
            .select_related("order")
            .first()
        )
        if payment:
            return payment.order, payment
    if event.order_number and (order := Order.objects.filter(number=event.order_number).first()):
        return order, order.payments.paying()
    return None, None


def _on_refunded(event: ProviderEvent, provider: PaymentProvider) -> Result:
    """The provider gave money back from a payment (our refund, or one made in its dashboard): record what is
    new. A payment that never paid the order (given back automatically) has nothing more to record."""
    order, payment = _paid_by(event, provider)
    if order is None:
        return no_order(provider, event.subject, event.subject_id)
    if event.amount_refunded_minor is None:
        raise ValueError(f"{event.type} {event.subject_id} carries no refunded amount")
    if payment is None or payment != order.payments.paying():
        message = f"Payment {event.payment_reference} is not the order's payment (a make-good): nothing to record"
        return Result(Outcome.PROCESSED, order, message, payment)
    if event.charge_reference and payment.charge_id != event.charge_reference:
        Payment.objects.filter(pk=payment.pk).update(charge_id=event.charge_reference)
    done = record_provider_refunds(order, payment, event.amount_refunded_minor, event.currency)
    return Result(Outcome.PROCESSED, order, done, payment)


def _on_refund_updated(event: ProviderEvent, provider: PaymentProvider) -> Result:
    order, payment = _paid_by(event, provider)
    if order is None:
        return no_order(provider, event.subject, event.subject_id)
    done = update_refund(order, event.refund_id, event.refund_status, event.failure_reason)
    return Result(Outcome.PROCESSED, order, done, payment)


def _on_disputed(event: ProviderEvent, provider: PaymentProvider) -> Result:
    order, payment = _paid_by(event, provider)
    if order is None:
        return no_order(provider, event.subject, event.subject_id)
    dispute = f"{event.subject_id} on payment {event.payment_reference}: {event.amount_minor} {event.currency}"
    return Result(Outcome.PROCESSED, order, record_dispute(order, dispute, event.reason), payment)


HANDLERS = {
    EventKind.PAID: lambda event, provider: mark_paid(event.session, provider=provider, source="webhook"),
    EventKind.PAYMENT_FAILED: lambda event, provider: end_with_session(event.session, provider, fail_order, "failed"),
    EventKind.SESSION_EXPIRED: lambda event, provider: end_with_session(
        event.session, provider, expire_order, "expired"
    ),
    EventKind.REFUNDED: _on_refunded,
    EventKind.REFUND_UPDATED: _on_refund_updated,
    EventKind.DISPUTED: _on_disputed,
}


def handle_event(payload: dict, *, provider: PaymentProvider) -> PaymentEvent:
    """Store the provider's event once (its id is unique per provider) and process it, unless it was before.

    `payload`: the event as the provider sent it, verified (`provider.verify_webhook`). A database error
    propagates: the whole transaction rolls back, no event row is left behind, and the webhook answers 500 so the
    provider delivers it again. An event that failed for another reason is stored as failed (and may be processed
    again, by a repeated delivery or by a shop manager).
    """
    event = provider.parse_event(_without_nul(payload))
    with transaction.atomic():
        record, created = PaymentEvent.objects.get_or_create(
            provider=provider.name, event_id=event.id, defaults={"type": event.type, "payload": event.payload}
        )
        if not created:
            record = PaymentEvent.objects.select_for_update().get(pk=record.pk)
            if record.outcome in FINAL_OUTCOMES:
                logger.info("%s event %s already %s; not processed again", provider.label, event.id, record.outcome)
                return record

        handler = HANDLERS.get(event.kind)
        if handler is None:
            logger.info("%s event %s of type %s is not handled; ignored", provider.label, event.id, event.type)
            result = Result(Outcome.IGNORED, None, f"Event type {event.type} is not handled")
        else:
            try:
                with transaction.atomic():
                    result = handler(event, provider)
            except (KeyError, TypeError, ValueError, AttributeError, InvalidTransition) as exc:
                logger.exception("%s event %s (%s) could not be processed", provider.label, event.id, event.type)
                result = Result(Outcome.FAILED, None, f"{type(exc).__name__}: {exc}")

        record.outcome, record.message = result.outcome, result.message
        record.order = result.order or record.order
        record.payment = result.payment or record.payment
        record.processed_at = timezone.now()
        record.save(update_fields=["outcome", "message", "order", "payment", "processed_at"])
        if result.payment and result.outcome in APPLIED_OUTCOMES:
            Payment.objects.filter(pk=result.payment.pk).update(
                last_event_id=event.id, last_event_at=event.created or record.processed_at
            )
    return record


def _without_nul(value):
    """`value` with every NUL character replaced by U+FFFD. PostgreSQL refuses NUL in a query, a text column and
    a JSON column (a 500, and the provider would deliver the event again for days); no order number or provider
    id holds one, so an event naming one still names nothing of ours, and is stored and ignored like any other."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    return value


def reprocess(record: PaymentEvent) -> PaymentEvent:
    """Process a stored event that failed again, from its stored payload (a shop manager's action)."""
    if record.outcome in FINAL_OUTCOMES:
        return record
    provider = providers.named(record.provider)
    if provider is None:
        raise ValueError(f"Payment provider {record.provider!r} is not configured")
    return handle_event(record.payload, provider=provider)
