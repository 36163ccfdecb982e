"""Refunds Stripe tells us about, and payments the shop gives back on its own: a refund made in Stripe's
dashboard is recorded once, a refund that fails later is undone and alerted, a dispute flags the order, and a
payment that cannot be applied is refunded once with an email to the customer in the order's language."""

from decimal import Decimal

import pytest
from django.core import mail

from checkout.models import Alert, Order, PaymentEvent, Refund
from checkout.refunds.services import refund_order
from storefront.money import to_minor_units

from .factories import intent_of, make_order, make_paid_order
from .payment_factories import event, session_for
from .payment_fixtures import post_webhook

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliver(client, webhook_secret, django_capture_on_commit_callbacks):
    def deliver(stripe_event):
        with django_capture_on_commit_callbacks(execute=True):
            response = post_webhook(client, stripe_event)
        assert response.status_code == 200
        return PaymentEvent.objects.get(event_id=stripe_event["id"])

    return deliver


@pytest.fixture
def paid(fake_stripe):
    order = make_paid_order(language="es")  # 2 × 24.50
    fake_stripe.add_payment(intent_of(order), to_minor_units(order.total))  # 49.00
    return order


def test_a_refund_made_in_stripes_dashboard_is_recorded_once(paid, fake_stripe, deliver):
    fake_stripe.refund_in_dashboard(intent_of(paid), amount=1000)

    first = deliver(fake_stripe.charge_event(intent_of(paid), event_id="evt_1"))
    second = deliver(fake_stripe.charge_event(intent_of(paid), event_id="evt_2"))

    paid.refresh_from_db()
    refund = paid.refunds.get()
    assert (refund.kind, refund.status, refund.amount) == ("external", "succeeded", Decimal("10.00"))
    assert (paid.status, paid.refunded_amount) == (Order.Status.PARTIALLY_REFUNDED, Decimal("10.00"))
    assert first.message == "Recorded a refund of 10.00 made outside the shop"
    assert second.message == "Every refund of this payment is recorded already"


def test_the_event_of_our_own_refund_records_nothing_more(paid, fake_stripe, deliver):
    refund_order(paid)

    record = deliver(fake_stripe.charge_event(intent_of(paid)))

    paid.refresh_from_db()
    assert record.message == "Every refund of this payment is recorded already"
    assert paid.refunds.count() == 1 and paid.refunded_amount == Decimal("49.00")


def test_a_refund_that_fails_later_is_given_back_to_the_order_and_alerted(paid, fake_stripe, deliver):
    fake_stripe.refund_status = "pending"
    refund = refund_order(paid, quantities={paid.lines.get().pk: 1})
    assert refund.payment.status == "partially_refunded"
    fake_stripe.refunds[refund.provider_refund_id]["status"] = "failed"
    fake_stripe.refunds[refund.provider_refund_id]["failure_reason"] = "expired_or_canceled_card"

    record = deliver(fake_stripe.refund_event(refund.provider_refund_id))

    paid.refresh_from_db()
    refund.refresh_from_db()
    assert record.message == f"Refund {refund.provider_refund_id} is failed"
    assert (refund.status, refund.failure_message) == ("failed", "expired_or_canceled_card")
    assert paid.refunded_amount == Decimal("0.00")
    assert paid.payments.get().status == "succeeded"  # nothing of it given back after all
    assert Alert.objects.get().kind == Alert.Kind.REFUND_FAILED


def test_a_dispute_flags_the_order_and_alerts_once(paid, fake_stripe, deliver):
    deliver(fake_stripe.dispute_event(intent_of(paid), event_id="evt_1"))
    deliver(fake_stripe.dispute_event(intent_of(paid), event_id="evt_2"))

    paid.refresh_from_db()
    assert paid.disputed_at is not None
    alert = Alert.objects.get()
    assert alert.kind == Alert.Kind.DISPUTE and "fraudulent" in alert.message


def test_an_event_about_an_unknown_payment_is_ignored(fake_stripe, deliver):
    fake_stripe.add_payment("pi_elsewhere", 1000)

    record = deliver(fake_stripe.charge_event("pi_elsewhere"))

    assert (record.outcome, record.message) == ("ignored", "No order for this charge")


# --- Payments that cannot be applied ------------------------------------------------------------------------


def test_an_overpayment_is_not_applied_but_refunded_and_the_customer_told_in_spanish(fake_stripe, deliver):
    order = make_order(language="es", session_id="cs_test_1")
    fake_stripe.add_payment("pi_test_1", 9900)

    record = deliver(event("checkout.session.completed", session_for(order, amount_total=9900), event_id="evt_1"))
    deliver(event("checkout.session.completed", session_for(order, amount_total=9900), event_id="evt_2"))

    order.refresh_from_db()
    refund = order.refunds.get()
    assert order.status == Order.Status.PENDING
    assert record.outcome == PaymentEvent.Outcome.MISMATCH
    assert (refund.kind, refund.status, refund.amount) == ("automatic", "succeeded", Decimal("99.00"))
    assert [r.headers["Idempotency-Key"] for r in fake_stripe.requests_to("POST", "/v1/refunds")] == [
        "make-good-pi_test_1"
    ]
    customer = [m for m in mail.outbox if m.to == [order.email]]
    assert [m.subject for m in customer] == [f"Le hemos reembolsado su pago del pedido {order.number}"]
    assert "el importe pagado no coincidía con el total de su pedido" in customer[0].body
    assert "99,00\xa0US$" in customer[0].body
    assert Alert.objects.get().kind == Alert.Kind.PAYMENT_NOT_APPLIED


def test_the_order_page_shows_a_payment_given_back(client, fake_stripe, deliver):
    order = make_order(language="en", session_id="cs_test_1")
    fake_stripe.add_payment("pi_test_1", 4800)
    deliver(event("checkout.session.completed", session_for(order, amount_total=4800)))

    page = client.get(f"/en/checkout/order/{order.token}/").content.decode()

    assert "$48.00 refunded on" in page
    assert "a payment we could not accept, given back in full" in page


def test_a_make_good_stripe_refuses_alerts_and_emails_nobody_about_a_refund(fake_stripe, deliver):
    order = make_order(session_id="cs_test_1")
    fake_stripe.add_payment("pi_test_1", 4800)
    fake_stripe.fail_next(3, status=400)

    deliver(event("checkout.session.completed", session_for(order, amount_total=4800)))

    refund = Refund.objects.get()
    assert refund.status == Refund.Status.FAILED
    assert sorted(Alert.objects.values_list("kind", flat=True)) == ["payment_not_applied", "refund_failed"]
    assert not [m for m in mail.outbox if m.to == [order.email]]
