"""What the shop asks of a payment provider, and what it gets back, in the shop's own words.

A provider is a small object (`PaymentProvider`): it opens a hosted payment page for an order, tells what became
of it, closes it, gives money back, and turns its webhook's events into `ProviderEvent`s. Everything above this package
(start, settle, events, refunds, the admin) speaks these types only: no provider's ids, statuses or event names
reach it. `checkout.payments.providers` picks the provider from `settings.PAYMENT_PROVIDER`.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol


class InvalidWebhook(Exception):
    """A webhook's body or signature did not verify, or the signed body is not an event this provider sends."""


@dataclass(frozen=True)
class Session:
    """A hosted payment page (a checkout session) as the shop needs to know it.

    `state`: "open" (the shopper may still pay), "complete" (the shopper finished: see `paid`) or "expired".
    `paid`: the money is taken, or nothing was due. `amount_minor`: what the provider charged, in minor units of
    `currency` (lower case); None when it did not say. `payment_reference`: the provider's id of the payment
    itself (a refund names it), '' until there is one.
    """

    id: str
    order_number: str = ""
    url: str = ""
    state: str = "open"
    paid: bool = False
    amount_minor: int | None = None
    currency: str = ""
    payment_reference: str = ""
    livemode: bool = False

    OPEN = "open"
    COMPLETE = "complete"
    EXPIRED = "expired"


@dataclass(frozen=True)
class RefundAnswer:
    """What the provider answered a refund: its id and its status, one of `checkout.refunds.models.Refund.Status`'s
    values ("pending", "succeeded", "failed", "canceled"), and why it failed if it did."""

    id: str
    status: str
    failure_reason: str = ""


class EventKind:
    """What a provider event means to the shop (`ProviderEvent.kind`)."""

    PAID = "paid"  # a session was paid (or needs no payment): settle the order
    PAYMENT_FAILED = "payment_failed"  # a delayed payment of a session failed
    SESSION_EXPIRED = "session_expired"  # a session closed unpaid
    REFUNDED = "refunded"  # the provider has given back `amount_refunded_minor` of a payment in all
    REFUND_UPDATED = "refund_updated"  # a refund changed status (`refund_id`, `refund_status`)
    DISPUTED = "disputed"  # the customer's bank disputes a payment
    OTHER = ""  # anything else: stored and ignored


@dataclass(frozen=True)
class ProviderEvent:
    """One webhook event, provider-neutral. `payload` is the body as the provider sent it (stored as is);
    the other fields are what the shop acts on, '' or None where the event does not say."""

    id: str
    type: str
    kind: str
    payload: dict
    session: Session | None = None
    order_number: str = ""
    payment_reference: str = ""
    charge_reference: str = ""
    amount_minor: int | None = None
    amount_refunded_minor: int | None = None
    currency: str = ""
    refund_id: str = ""
    refund_status: str = ""
    failure_reason: str = ""
    reason: str = ""
    created: datetime | None = None
    # What the event is about, in plain words ("session", "charge", "refund", "dispute"), and its id: for logs.
    subject: str = ""
    subject_id: str = ""


class PaymentProvider(Protocol):
    """A payment provider. `name` is what `Payment.provider` stores; `session_lifetime` bounds a session's
    expiry (the stock stays reserved as long as the provider keeps the page open)."""

    name: str
    label: str

    def session_expiry(self, reserved_until: datetime) -> datetime:
        """When a session opened now should close, given the order's reservation end."""

    def start_session(self, order, *, attempt: int, success_url: str, cancel_url: str, expires_at: datetime) -> Session:
        """Open a hosted page charging `order.total`; raises `PaymentError` (and subclasses) when it cannot.
        `success_url` may hold `{SESSION_ID}`, replaced by the session's id."""

    def retrieve_session(self, session_id: str, order_number: str = "") -> Session:
        """What became of a session; raises `PaymentError` when the provider does not answer or know it."""

    def expire_session(self, session_id: str, order_number: str = "") -> None:
        """Close an open session so that it cannot be paid any more."""

    def refund(
        self, payment, amount: Decimal, currency: str, *, idempotency_key: str, reason: str, metadata: dict
    ) -> RefundAnswer:
        """Give back `amount` of `payment` (a `Payment`); a repeated key gives the first answer back.
        `reason`: "duplicate" (a payment not applied) or "requested_by_customer"."""

    def verify_webhook(self, body: bytes, headers) -> dict:
        """The event a webhook request carries, as the provider sent it, if its signature verifies and it is shaped
        like an event (an id and a type of at most 255 and 100 printable characters); raises `InvalidWebhook`."""

    def parse_event(self, payload: dict) -> ProviderEvent:
        """The event a verified (or stored) payload holds, in the shop's words. May raise KeyError, TypeError or
        ValueError for an event missing what its type must carry."""

    def dashboard_url(self, payment) -> str:
        """The payment in the provider's dashboard, or '' where there is none."""
