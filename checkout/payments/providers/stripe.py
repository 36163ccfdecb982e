"""Stripe Checkout as a payment provider (`StripeProvider`): the one module that imports `stripe` and knows
Stripe's names (session and payment intent ids, statuses, event types).

What goes out is built from the order in the database only: its lines, its discount, its language and email.
What comes back is turned into the shop's own types (`base.Session`, `base.ProviderEvent`, `base.RefundAnswer`),
so the rest of the shop never handles SDK objects or Stripe's words, and Stripe's errors into
`checkout.payments.errors`. Keys and the API base come from settings; `STRIPE_API_BASE` points the client at a
local fake or mock (the test suite runs one).
"""

import json
import logging
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import stripe
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from storefront.money import store_currency, to_minor_units

from ..errors import PaymentDeclined, PaymentError, PaymentUnavailable
from .base import EventKind, InvalidWebhook, ProviderEvent, RefundAnswer, Session

logger = logging.getLogger(__name__)

# A shopper waits on the create call: fail fast, and let the SDK retry a couple of times (it reuses the
# idempotency key, so a retried create never makes a second session).
REQUEST_TIMEOUT_SECONDS = 10
MAX_NETWORK_RETRIES = 2

# Stripe refuses `expires_at` less than 30 minutes or more than 24 hours after the session is created;
# one minute of margin absorbs the clock difference between us and Stripe.
SESSION_MIN_LIFETIME = timedelta(minutes=31)
SESSION_MAX_LIFETIME = timedelta(hours=23, minutes=59)

# The languages Stripe Checkout is translated into that the shop also speaks; any other gets "auto".
CHECKOUT_LOCALES = {"en", "es", "ru", "fr", "de", "it", "pt", "nl", "pl", "ja", "zh"}

# Stripe shows a coupon's name on the hosted page; it accepts at most 40 characters.
COUPON_NAME_MAX_LENGTH = 40
# A shipping rate's display name, as Stripe shows it under the line items (it accepts at most 100 characters).
SHIPPING_NAME_MAX_LENGTH = 100


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


# --- What we ask Stripe to charge -------------------------------------------------------------------


def line_items(order) -> list[dict]:
    """The order's lines as Checkout line items, in minor units of the store currency.

    Unit prices are the catalog's, as the order was placed: with tax where prices include it (then Stripe's sum
    already holds the tax), without it otherwise, and then one more line carries the order's whole tax (lines'
    and shipping's), since Checkout without Stripe Tax takes no tax amount of ours.
    """
    currency = store_currency()
    items = [
        {
            "quantity": line.quantity,
            "price_data": {
                "currency": currency,
                "unit_amount": to_minor_units(line.unit_price, currency),
                "product_data": {"name": line.title, "metadata": {"sku": line.sku}},
            },
        }
        for line in order.lines.all()
    ]
    if not order.prices_include_tax and order.tax > 0:
        items.append(
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency,
                    "unit_amount": to_minor_units(order.tax, currency),
                    "product_data": {"name": _tax_line_name(order), "metadata": {"kind": "tax"}},
                },
            }
        )
    return items


def _tax_line_name(order) -> str:
    with translation.override(order.language):
        return gettext("Tax")


def shipping_options(order) -> list[dict] | None:
    """The order's shipping as Checkout's one `shipping_options` entry (a fixed amount, with its name and
    delivery estimate), which Stripe adds to the total after any discount; None when the order has no shipping
    method (a shop that ships everywhere for free). Its tax is in the price (prices with tax) or in the tax line.
    """
    if not order.shipping_name:
        return None
    method = order.shipping_method
    rate = {
        "type": "fixed_amount",
        "display_name": order.shipping_name[:SHIPPING_NAME_MAX_LENGTH],
        "fixed_amount": {"amount": to_minor_units(order.shipping_price, order.currency), "currency": store_currency()},
        "metadata": {"order_number": order.number},
    }
    if method is not None:
        rate["delivery_estimate"] = {
            "minimum": {"unit": "business_day", "value": method.min_days},
            "maximum": {"unit": "business_day", "value": method.max_days},
        }
    return [{"shipping_rate_data": rate}]


def coupon_params(order) -> dict | None:
    """A one-off Stripe coupon worth exactly the order's discount, or None when there is no discount.

    Stripe shows it under the line items with its name (the code the shopper typed), and subtracts it from
    their sum, so the hosted page and the order agree line by line and in total.
    """
    if order.discount <= 0:
        return None
    currency = store_currency()
    name = order.coupon_code or "Discount"
    return {
        "amount_off": to_minor_units(order.discount, currency),
        "currency": currency,
        "duration": "once",
        "max_redemptions": 1,
        "name": name[:COUPON_NAME_MAX_LENGTH],
        "metadata": {"order_number": order.number},
    }


def amount_charged(items: list[dict], coupon: dict | None, shipping: list[dict] | None = None) -> int:
    """What Stripe charges for these line items, coupon and shipping option, in minor units: the items' sum less
    the coupon (which never takes it below 0 and never touches shipping), plus the shipping rate's amount."""
    subtotal = sum(item["price_data"]["unit_amount"] * item["quantity"] for item in items)
    discount = min(coupon["amount_off"], subtotal) if coupon else 0
    shipping_amount = shipping[0]["shipping_rate_data"]["fixed_amount"]["amount"] if shipping else 0
    return subtotal - discount + shipping_amount


def checkout_amount(order) -> int:
    """What Stripe will charge for this order, computed from the very parameters the session is created with."""
    return amount_charged(line_items(order), coupon_params(order), shipping_options(order))


def session_expiry(reserved_until, now=None):
    """The order's reservation end, moved into the window Stripe accepts (30 minutes to 24 hours from now)."""
    now = now or timezone.now()
    return min(max(reserved_until, now + SESSION_MIN_LIFETIME), now + SESSION_MAX_LIFETIME)


def idempotency_key(order, attempt: int, what: str) -> str:
    """One key per order, attempt and request kind; the number keeps keys apart across database resets."""
    return f"order-{order.pk}-{order.number}-attempt-{attempt}-{what}"


def session_params(order, *, success_url: str, cancel_url: str, expires_at, coupon_id: str | None = None) -> dict:
    language = (order.language or "").split("-")[0]
    params = {
        "mode": "payment",
        "line_items": line_items(order),
        "customer_email": order.email,
        "client_reference_id": order.number,
        "locale": language if language in CHECKOUT_LOCALES else "auto",
        "metadata": {"order_number": order.number},
        "payment_intent_data": {
            "description": f"Order {order.number}",
            "metadata": {"order_number": order.number},
        },
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": int(expires_at.timestamp()),
    }
    if coupon_id:
        params["discounts"] = [{"coupon": coupon_id}]
    if shipping := shipping_options(order):
        params["shipping_options"] = shipping
    return params


def create_checkout_session(order, *, attempt: int, success_url: str, cancel_url: str, expires_at) -> dict:
    """Create the hosted Checkout page for `order`; returns the session as a dict (`id`, `url`, ...).

    Refuses (`PaymentError`) when what Stripe would charge differs from the order's total, or when the order
    is in another currency than the store's: the shopper is never shown a different amount.
    """
    currency = store_currency()
    if order.currency.lower() != currency:
        raise PaymentError(f"Order {order.number} is in {order.currency}, the store charges in {currency}")
    expected = to_minor_units(order.total, currency)
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


# --- Stripe's objects in the shop's words ------------------------------------------------------------

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
