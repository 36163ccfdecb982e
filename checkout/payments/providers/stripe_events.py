"""Stripe's objects in the shop's words: a Checkout Session as a `Session`, an event as a `ProviderEvent`, a
refund's status as one of `Refund.Status`'s values. No SDK call (those are `stripe.py`'s)."""

from datetime import UTC, datetime

from .base import EventKind, ProviderEvent, Session

# A completed session's payment statuses that settle the order: paid, or nothing to pay (a zero total).
SETTLED_PAYMENT_STATUSES = {"paid", "no_payment_required"}
SESSION_STATES = {"open": Session.OPEN, "complete": Session.COMPLETE, "expired": Session.EXPIRED}
# Stripe's refund statuses, as `Refund.Status` values.
REFUND_STATUSES = {
    "pending": "pending",
    "requires_action": "pending",
    "succeeded": "succeeded",
    "failed": "failed",
    "canceled": "canceled",
}
EVENT_KINDS = {
    "checkout.session.completed": EventKind.PAID,
    "checkout.session.async_payment_succeeded": EventKind.PAID,
    "checkout.session.async_payment_failed": EventKind.PAYMENT_FAILED,
    "checkout.session.expired": EventKind.SESSION_EXPIRED,
    "charge.refunded": EventKind.REFUNDED,
    "refund.updated": EventKind.REFUND_UPDATED,
    "charge.dispute.created": EventKind.DISPUTED,
}


def _metadata(stripe_object: dict) -> dict:
    metadata = stripe_object.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _id_of(value) -> str:
    """An expandable field's id: the string itself, or the expanded object's `id`; '' for anything else."""
    value = value.get("id", "") if isinstance(value, dict) else value
    return value if isinstance(value, str) else ""


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def to_session(session: dict) -> Session:
    """A Checkout Session as the shop knows a session. The order it names: its reference, else its metadata
    (a reference that is not text names no order)."""
    number = session.get("client_reference_id") or _metadata(session).get("order_number") or ""
    return Session(
        id=_text(session.get("id")),
        order_number=number if isinstance(number, str) else "",
        url=_text(session.get("url")),
        state=SESSION_STATES.get(session.get("status"), Session.OPEN),
        paid=session.get("payment_status") in SETTLED_PAYMENT_STATUSES,
        amount_minor=_int(session.get("amount_total")),
        currency=str(session.get("currency") or "").lower(),
        payment_reference=_id_of(session.get("payment_intent")),
        livemode=bool(session.get("livemode")),
    )


def to_event(event: dict) -> ProviderEvent:
    """A Stripe event (checked by `check_event`) in the shop's words; what it lacks is left empty, for the
    handler to refuse."""
    kind = EVENT_KINDS.get(event.get("type"), EventKind.OTHER)
    obj = event["data"]["object"]
    created = event.get("created")
    common = {
        "id": event["id"],
        "type": event["type"],
        "kind": kind,
        "payload": event,
        "created": datetime.fromtimestamp(created, tz=UTC) if isinstance(created, int) else None,
        "subject": str(obj.get("object") or "checkout.session").removeprefix("checkout."),
        "subject_id": _text(obj.get("id")),
    }
    if kind in (EventKind.PAID, EventKind.PAYMENT_FAILED, EventKind.SESSION_EXPIRED):
        session = to_session(obj)
        return ProviderEvent(**common, session=session, order_number=session.order_number)
    number = _metadata(obj).get("order_number")
    common.update(
        order_number=number if isinstance(number, str) else "",
        payment_reference=_id_of(obj.get("payment_intent")),
        currency=str(obj.get("currency") or "").lower(),
    )
    if kind == EventKind.REFUNDED:
        return ProviderEvent(
            **common, charge_reference=_text(obj.get("id")), amount_refunded_minor=_int(obj.get("amount_refunded"))
        )
    if kind == EventKind.REFUND_UPDATED:
        return ProviderEvent(
            **common,
            refund_id=_text(obj.get("id")),
            refund_status=REFUND_STATUSES.get(obj.get("status"), ""),
            failure_reason=_text(obj.get("failure_reason")),
        )
    if kind == EventKind.DISPUTED:
        return ProviderEvent(
            **common,
            charge_reference=_id_of(obj.get("charge")),
            amount_minor=_int(obj.get("amount")),
            reason=str(obj.get("reason")),
        )
    return ProviderEvent(**common)
