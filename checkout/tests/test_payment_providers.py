"""A payment provider is a plug: a third one, named in `PAYMENT_PROVIDER`, takes an order from "Pay now" to paid
and to refunded through the shop's own paths, with no change to orders or refunds."""

import json
from decimal import Decimal

import pytest
from django.test import override_settings

from checkout.models import Order, Payment, PaymentEvent, Refund
from checkout.payments.providers import EventKind, InvalidWebhook, ProviderEvent, RefundAnswer, Session
from checkout.refunds.services import refund_order
from storefront.money import to_minor_units

from .factories import make_order

pytestmark = pytest.mark.django_db

DUMMY = "checkout.tests.test_payment_providers.DummyProvider"


class DummyProvider:
    """A provider that keeps its sessions in memory and signs its webhooks with a header saying "ok"."""

    name = "dummy"
    label = "Dummy Pay"
    sessions: dict = {}
    refunds: list = []

    def session_expiry(self, reserved_until):
        return reserved_until

    def start_session(self, order, *, attempt, success_url, cancel_url, expires_at) -> Session:
        session_id = f"dummy-{order.number}-{attempt}"
        amount = to_minor_units(order.total, order.currency)
        self.sessions[session_id] = {"order": order.number, "amount": amount, "currency": order.currency.lower()}
        return Session(id=session_id, order_number=order.number, url=f"https://pay.dummy.test/{session_id}")

    def retrieve_session(self, session_id, order_number="") -> Session:
        session = self.sessions[session_id]
        paid = session.get("paid", False)
        return Session(
            id=session_id,
            order_number=session["order"],
            state=Session.COMPLETE if paid else Session.OPEN,
            paid=paid,
            amount_minor=session["amount"],
            currency=session["currency"],
            payment_reference=f"pay-{session_id}" if paid else "",
        )

    def expire_session(self, session_id, order_number="") -> None:
        self.sessions[session_id]["expired"] = True

    def refund(self, payment, amount, currency, *, idempotency_key, reason, metadata) -> RefundAnswer:
        self.refunds.append((payment.payment_intent_id, amount, currency, reason))
        return RefundAnswer(id=f"dummy-refund-{len(self.refunds)}", status="succeeded")

    def verify_webhook(self, body, headers) -> dict:
        if headers.get("X-Dummy-Signature") != "ok":
            raise InvalidWebhook("not signed by Dummy Pay")
        return json.loads(body)

    def parse_event(self, payload) -> ProviderEvent:
        session = self.retrieve_session(payload["session"])
        kind = EventKind.PAID if payload["what"] == "paid" else EventKind.OTHER
        return ProviderEvent(
            id=payload["id"], type=payload["what"], kind=kind, payload=payload, session=session,
            order_number=session.order_number,
        )  # fmt: skip

    def dashboard_url(self, payment) -> str:
        return f"https://dashboard.dummy.test/{payment.payment_intent_id}"


@pytest.fixture(autouse=True)
def dummy_pay():
    DummyProvider.sessions.clear()
    DummyProvider.refunds.clear()
    with override_settings(PAYMENT_PROVIDER=DUMMY):
        yield DummyProvider


def deliver(client, payload, signature="ok"):
    return client.post(
        "/payment/webhook/", data=json.dumps(payload), content_type="application/json", HTTP_X_DUMMY_SIGNATURE=signature
    )


def test_a_third_provider_takes_an_order_through_start_settle_and_refund(
    client, dummy_pay, queued_invoices, django_capture_on_commit_callbacks
):
    # Given a pending order of 49.00, the shopper presses "Pay now" and is sent to Dummy Pay
    order = make_order()
    response = client.post(f"/en/payment/{order.token}/pay/")
    payment = order.payments.get()
    assert (payment.provider, payment.status, payment.amount) == ("dummy", Payment.Status.PENDING, Decimal("49.00"))
    assert response["Location"] == f"https://pay.dummy.test/{payment.session_id}"

    # When they pay there, and Dummy Pay tells the shop through its webhook (twice, as providers do)
    dummy_pay.sessions[payment.session_id]["paid"] = True
    event = {"id": "dummy-evt-1", "what": "paid", "session": payment.session_id}
    with django_capture_on_commit_callbacks(execute=True):
        first, again = deliver(client, event), deliver(client, event)

    # Then the order is paid once, by this payment, and its invoice is on its way
    assert (first.status_code, first.content, again.content) == (200, b"processed", b"processed")
    order.refresh_from_db(), payment.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert (payment.status, payment.payment_intent_id) == (Payment.Status.SUCCEEDED, f"pay-{payment.session_id}")
    assert (payment.last_event_id, payment.dashboard_url) == (
        "dummy-evt-1",
        f"https://dashboard.dummy.test/pay-{payment.session_id}",
    )
    assert PaymentEvent.objects.get().provider == "dummy"
    assert queued_invoices == [order.pk]

    # When a shop manager refunds the order
    refund = refund_order(order)

    # Then Dummy Pay gives the money back from that payment, and the order and the payment say so
    assert dummy_pay.refunds == [(payment.payment_intent_id, Decimal("49.00"), "usd", "requested_by_customer")]
    assert (refund.payment, refund.status, refund.provider_refund_id) == (
        payment,
        Refund.Status.SUCCEEDED,
        "dummy-refund-1",
    )
    order.refresh_from_db(), payment.refresh_from_db()
    assert (order.status, order.refunded_amount) == (Order.Status.REFUNDED, Decimal("49.00"))
    assert payment.status == Payment.Status.REFUNDED


def test_a_third_provider_settles_on_the_shoppers_return_and_refuses_unsigned_webhooks(
    client, dummy_pay, queued_invoices
):
    order = make_order()
    client.post(f"/en/payment/{order.token}/pay/")
    session_id = order.payments.get().session_id

    assert deliver(client, {"id": "dummy-evt-1", "what": "paid", "session": session_id}, "forged").status_code == 400

    dummy_pay.sessions[session_id]["paid"] = True
    response = client.get(f"/en/payment/{order.token}/?session_id={session_id}")

    order.refresh_from_db()
    assert response.status_code == 200
    assert order.status == Order.Status.PAID
    assert PaymentEvent.objects.count() == 0


def test_a_new_attempt_closes_the_previous_session_at_its_provider(client, dummy_pay):
    order = make_order()
    client.post(f"/en/payment/{order.token}/pay/")
    client.post(f"/en/payment/{order.token}/pay/")

    first, second = order.payments.order_by("pk")
    assert dummy_pay.sessions[first.session_id].get("expired") is True
    assert (first.status, second.status) == (Payment.Status.CANCELLED, Payment.Status.PENDING)
    assert second.session_id.endswith("-2")  # the attempt's number: a provider's idempotency keys stay new
