"""An order that costs nothing (a 100% coupon): paid at once, without asking any provider.

Its attempt is a `Payment` like any other (provider "free", amount 0), settled through the same
`checkout.payments.settle.mark_paid`; nothing can be refunded from it.
"""

import secrets

from storefront.money import to_minor_units

from ..errors import PaymentError
from .base import InvalidWebhook, ProviderEvent, RefundAnswer, Session


class NothingToPay:
    """The provider of a zero total: its session is complete and paid as soon as it starts."""

    name = "free"
    label = "No payment required"

    def session_expiry(self, reserved_until):
        return reserved_until

    def start_session(self, order, *, attempt, success_url, cancel_url, expires_at) -> Session:
        if order.total != 0:
            raise PaymentError(f"Order {order.number} costs {order.total}: it needs a payment")
        return Session(
            id=f"free_{secrets.token_hex(12)}",
            order_number=order.number,
            url=success_url,
            state=Session.COMPLETE,
            paid=True,
            amount_minor=to_minor_units(order.total, order.currency),
            currency=order.currency.lower(),
        )

    def retrieve_session(self, session_id, order_number="") -> Session:
        raise PaymentError(f"Session {session_id} needed no payment: there is nothing to ask")

    def expire_session(self, session_id, order_number="") -> None:
        """Nothing to close: the session was complete when it started."""

    def refund(self, payment, amount, currency, *, idempotency_key, reason, metadata) -> RefundAnswer:
        raise PaymentError(f"Payment {payment.pk} took no money: there is nothing to refund")

    def verify_webhook(self, body, headers) -> dict:
        raise InvalidWebhook("Nothing to pay sends no webhooks")

    def parse_event(self, payload: dict) -> ProviderEvent:
        raise ValueError("Nothing to pay has no events")

    def dashboard_url(self, payment) -> str:
        return ""
