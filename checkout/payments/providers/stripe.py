"""Stripe Checkout as a payment provider (`StripeProvider`): the one module that imports `stripe` (the SDK).

What goes out is built from the order in the database only (`stripe_checkout`: its lines, discount, shipping,
language and email). What comes back is turned into the shop's own types (`stripe_events`: `base.Session`,
`base.ProviderEvent`; and `base.RefundAnswer`), so the rest of the shop never handles SDK objects or Stripe's
words, and Stripe's errors into `checkout.payments.errors`. Keys and the API base come from settings;
`STRIPE_API_BASE` points the client at a local fake or mock (the test suite runs one).
"""

import json
import logging
from contextlib import contextmanager

import stripe
from django.conf import settings

from storefront.money import to_minor_units

from ..errors import PaymentDeclined, PaymentError, PaymentUnavailable
from .base import InvalidWebhook, ProviderEvent, RefundAnswer, Session
from .stripe_checkout import (
    checkout_amount,
    coupon_params,
    idempotency_key,
    session_expiry,
    session_params,
)
from .stripe_events import REFUND_STATUSES, to_event, to_session

logger = logging.getLogger(__name__)

# A shopper waits on the create call: fail fast, and let the SDK retry a couple of times (it reuses the
# idempotency key, so a retried create never makes a second session).
REQUEST_TIMEOUT_SECONDS = 10
MAX_NETWORK_RETRIES = 2


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentUnavailable("STRIPE_SECRET_KEY is not set")
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base_addresses,
        max_network_retries=MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=REQUEST_TIMEOUT_SECONDS),
    )


@contextmanager
def _stripe_errors(what: str, order_number: str = ""):
    """Turn Stripe's exceptions into ours, logged with what we were doing and for which order."""
    where = f"Stripe {what} for order {order_number or '?'}"
    try:
        yield
    except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as exc:
        logger.warning("%s failed, Stripe unavailable: %s", where, exc)
        raise PaymentUnavailable(f"{where}: {exc}") from exc
    except stripe.CardError as exc:
        logger.info("%s: card declined: %s", where, exc)
        raise PaymentDeclined(f"{where}: {exc}") from exc
    except stripe.StripeError as exc:
        # Authentication, permission, invalid request, idempotency: our configuration or our bug.
        logger.error("%s failed: %s (%s)", where, exc, type(exc).__name__)
        raise PaymentError(f"{where}: {exc}") from exc


def create_checkout_session(order, *, attempt: int, success_url: str, cancel_url: str, expires_at) -> dict:
    """Create the hosted Checkout page for `order`; returns the session as a dict (`id`, `url`, ...).

    The session is in the order's currency (its market's); refuses (`PaymentError`) when what Stripe would charge,
    in that currency's minor units, differs from the order's total: the shopper is never shown a different amount.
    """
    expected = to_minor_units(order.total, order.currency)
    if checkout_amount(order) != expected:
        logger.error(
            "Order %s: Stripe would charge %s but the order total is %s; not starting the payment",
            order.number,
            checkout_amount(order),
            expected,
        )
        raise PaymentError(f"Order {order.number}: line items, discount and shipping do not add up to the total")

    client = _client()
    with _stripe_errors("session create", order.number):
        coupon_id = None
        coupon = coupon_params(order)
        if coupon:
            created = client.v1.coupons.create(
                params=coupon, options={"idempotency_key": idempotency_key(order, attempt, "coupon")}
            )
            coupon_id = created.id
        params = session_params(
            order, success_url=success_url, cancel_url=cancel_url, expires_at=expires_at, coupon_id=coupon_id
        )
        session = client.v1.checkout.sessions.create(
            params=params, options={"idempotency_key": idempotency_key(order, attempt, "session")}
        )
    return session.to_dict(for_json=True)


def retrieve_session(session_id: str, order_number: str = "") -> dict:
    with _stripe_errors("session retrieve", order_number):
        return _client().v1.checkout.sessions.retrieve(session_id).to_dict(for_json=True)


def expire_session(session_id: str, order_number: str = "") -> dict:
    """Close an open session so it can no longer be paid (a newer attempt replaces it)."""
    with _stripe_errors("session expire", order_number):
        return _client().v1.checkout.sessions.expire(session_id).to_dict(for_json=True)


# Stripe's own reasons for a refund (its API accepts no other).
REFUND_REASONS = {"duplicate", "fraudulent", "requested_by_customer"}


def create_refund(
    payment_intent_id: str, amount, currency: str, *, idempotency_key: str, reason: str, metadata: dict
) -> dict:
    """Refund `amount` of a payment; returns Stripe's refund as a dict (`id`, `status`, ...).

    The idempotency key makes a repeated call (a retried task, a double submit that got past the form) give the
    first refund back instead of refunding again.
    """
    params = {
        "payment_intent": payment_intent_id,
        "amount": to_minor_units(amount, currency),
        "metadata": metadata,
    }
    if reason in REFUND_REASONS:
        params["reason"] = reason
    with _stripe_errors("refund", metadata.get("order_number", "")):
        refund = _client().v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})
    return refund.to_dict(for_json=True)


# --- What Stripe tells us ---------------------------------------------------------------------------


# Stripe's deepest events (a charge's payment method details inside a session's expanded payment intent) nest
# about ten levels; metadata holds flat strings only. Deeper is not Stripe: refused before anything walks it
# (the handlers and the NUL scrub recurse, and a 500 would have Stripe deliver the body again for days).
MAX_EVENT_DEPTH = 32


def verify_webhook(payload: bytes, signature_header: str | None) -> dict:
    """The event, as a dict, if `payload` is exactly what Stripe signed within the default tolerance and is a JSON
    object nested at most `MAX_EVENT_DEPTH` levels (a signed list or string is refused here: the stripe library
    would fail on it with an AttributeError; a body too deep for the parser's recursion is refused too)."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        logger.error("STRIPE_WEBHOOK_SECRET is not set: every webhook is refused")
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature_header, settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
        )
        event = json.loads(payload)
    except stripe.SignatureVerificationError as exc:
        raise InvalidWebhook(str(exc)) from exc
    except ValueError as exc:  # not UTF-8 or not JSON (UnicodeDecodeError is a ValueError)
        raise InvalidWebhook(f"Unreadable body: {exc}") from exc
    except RecursionError as exc:  # nested deeper than the parser goes
        raise InvalidWebhook(f"Signed, but nested too deep to parse: {exc}") from exc
    if not isinstance(event, dict):
        raise InvalidWebhook(f"Signed, but not a JSON object: {type(event).__name__}")
    if json_depth(event) > MAX_EVENT_DEPTH:
        raise InvalidWebhook(f"Signed, but nested deeper than {MAX_EVENT_DEPTH} levels")
    return event


def json_depth(value) -> int:
    """How deep parsed JSON nests (a scalar 0, `[]` 1, `{"a": [1]}` 2), found without recursion, so any depth the
    parser returned is measured without running out of stack."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            deepest = max(deepest, depth)
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


# An event's id and type fit the shop's event columns (`PaymentEvent.event_id`, `PaymentEvent.type`).
MAX_EVENT_ID_LENGTH, MAX_EVENT_TYPE_LENGTH = 255, 100


def _fits(value, max_length: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= max_length and value.isprintable()


def check_event(event) -> dict:
    """`event` if it is shaped like a Stripe event: a JSON object with an id and a type that fit their columns
    (printable text: a NUL is not an id) and an object in its data. Stripe signs nothing else."""
    if (
        isinstance(event, dict)
        and isinstance(event.get("data"), dict)
        and _fits(event.get("id"), MAX_EVENT_ID_LENGTH)
        and _fits(event.get("type"), MAX_EVENT_TYPE_LENGTH)
        and isinstance(event["data"].get("object"), dict)
    ):
        return event
    raise InvalidWebhook(f"Signed, but not an event: {event!r:.200}")


class StripeProvider:
    """Stripe Checkout: a hosted page per attempt, refunds of its payment intents, signed webhooks."""

    name = "stripe"
    label = "Stripe"

    def session_expiry(self, reserved_until):
        return session_expiry(reserved_until)

    def start_session(self, order, *, attempt, success_url, cancel_url, expires_at) -> Session:
        if not settings.STRIPE_SECRET_KEY:
            logger.error("Order %s: no STRIPE_SECRET_KEY: Stripe cannot take the payment", order.number)
            raise PaymentError("Stripe is not configured")
        session = create_checkout_session(
            order,
            attempt=attempt,
            success_url=success_url.replace("{SESSION_ID}", "{CHECKOUT_SESSION_ID}"),
            cancel_url=cancel_url,
            expires_at=expires_at,
        )
        return to_session(session)

    def retrieve_session(self, session_id, order_number="") -> Session:
        return to_session(retrieve_session(session_id, order_number))

    def expire_session(self, session_id, order_number="") -> None:
        expire_session(session_id, order_number)

    def refund(self, payment, amount, currency, *, idempotency_key, reason, metadata) -> RefundAnswer:
        answer = create_refund(
            payment.payment_intent_id,
            amount,
            currency,
            idempotency_key=idempotency_key,
            reason=reason,
            metadata=metadata,
        )
        status = REFUND_STATUSES.get(answer.get("status"), "pending")
        failure = answer.get("failure_reason") or ("Stripe refused the refund" if status == "failed" else "")
        return RefundAnswer(id=answer["id"], status=status, failure_reason=failure)

    def verify_webhook(self, body: bytes, headers) -> dict:
        return check_event(verify_webhook(body, headers.get("Stripe-Signature")))

    def parse_event(self, payload: dict) -> ProviderEvent:
        return to_event(payload)

    def dashboard_url(self, payment) -> str:
        """The payment in the Stripe dashboard (test or live, as it was made), or '' before there is one."""
        if not payment.payment_intent_id:
            return ""
        mode = "" if payment.livemode else "test/"
        return f"https://dashboard.stripe.com/{mode}payments/{payment.payment_intent_id}"
