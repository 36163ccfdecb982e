"""The local test-card page as a payment provider (`OfflineProvider`): Stripe's hosted page, for development
without keys or network. The page itself is `checkout.payments.test_card`.

It works only where `settings.PAYMENT_PROVIDER` names it and `STRIPE_OFFLINE_ALLOWED` is on (production settings
pin it to False). A payment on the page builds the `checkout.session.completed` event Stripe would send
(`completed_event`) and feeds it to the same `checkout.payments.events.handle_event` as the webhook; a refund
succeeds at once and in full, as Stripe's would.
"""

import logging
import secrets
import time

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..errors import PaymentError
from .base import InvalidWebhook, ProviderEvent, RefundAnswer, Session
from .stripe_checkout import checkout_amount
from .stripe_events import to_event

logger = logging.getLogger(__name__)

# The page's ids, shaped like Stripe's.
SESSION_PREFIX, PAYMENT_PREFIX = "cs_offline_", "pi_offline_"
EVENT_PREFIX, REFUND_PREFIX = "evt_offline_", "re_offline_"


class OfflineProvider:
    """The test-card page: a session is a page of this shop, paid by a test card; refunds succeed at once."""

    name = "offline"
    label = _("Test-card page")

    def session_expiry(self, reserved_until):
        # The page stays open as long as the stock is reserved: no provider's minimum to respect.
        return reserved_until

    def start_session(self, order, *, attempt, success_url, cancel_url, expires_at) -> Session:
        if not settings.STRIPE_OFFLINE_ALLOWED:
            logger.error("Order %s: the offline test-card page is not allowed here", order.number)
            raise PaymentError(f"Order {order.number}: the offline test-card page is not allowed here")
        with translation.override(order.language):
            url = reverse("payment:offline", args=[order.token])
        return Session(id=SESSION_PREFIX + secrets.token_hex(12), order_number=order.number, url=url)

    def retrieve_session(self, session_id, order_number="") -> Session:
        """Still open: the page settles a paid session itself, at once, through the same events as a webhook."""
        if not session_id.startswith(SESSION_PREFIX):
            raise PaymentError(f"{session_id} is not a test-card session")
        return Session(id=session_id, order_number=order_number)

    def expire_session(self, session_id, order_number="") -> None:
        """Nothing to close: the page only ever takes the order's latest attempt."""

    def refund(self, payment, amount, currency, *, idempotency_key, reason, metadata) -> RefundAnswer:
        return RefundAnswer(id=REFUND_PREFIX + secrets.token_hex(8), status="succeeded")

    def verify_webhook(self, body, headers) -> dict:
        raise InvalidWebhook("The test-card page sends no webhooks")

    def parse_event(self, payload: dict) -> ProviderEvent:
        return to_event(payload)

    def dashboard_url(self, payment) -> str:
        return ""

    def amount_charged(self, order) -> int:
        """What the page charges for `order`, in minor units: what Stripe would."""
        return checkout_amount(order)

    def completed_event(self, order, session_id: str) -> dict:
        """The `checkout.session.completed` event Stripe would send for paying this session of `order`."""
        return completed_event(order, session_id)


def completed_event(order, session_id: str) -> dict:
    """The `checkout.session.completed` event Stripe would send for paying this session of `order`."""
    suffix = session_id.removeprefix(SESSION_PREFIX)
    session = {
        "id": session_id,
        "object": "checkout.session",
        "status": "complete",
        "payment_status": "paid",
        "amount_total": checkout_amount(order),
        "currency": order.currency.lower(),
        "client_reference_id": order.number,
        "customer_email": order.email,
        "metadata": {"order_number": order.number},
        # One intent per session, as at Stripe: paying the same session twice is the same payment.
        "payment_intent": f"{PAYMENT_PREFIX}{suffix}",
        "livemode": False,
    }
    return {
        "id": f"{EVENT_PREFIX}{suffix}",
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": session},
    }
