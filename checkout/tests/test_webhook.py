"""The Stripe webhook: signatures, the four session events, duplicates, order of arrival, amount checks."""

import json
import logging
import time
from decimal import Decimal

import pytest
from django.db import OperationalError
from django.urls import reverse

from checkout.models import Order, OrderEvent, PaymentEvent
from checkout.payments import settle as payments
from products.models import Product
from products.tests.factories import ProductFactory
from storefront.money import to_minor_units

from .factories import intent_of, make_order
from .payment_factories import event, session_for
from .payment_fixtures import post_webhook, signed

pytestmark = pytest.mark.django_db
WEBHOOK = "/payment/webhook/"


@pytest.fixture
def order():
    """A pending order of 2 × 24.50 (49.00) whose Stripe session is cs_test_1."""
    return make_order(session_id="cs_test_1")


@pytest.fixture
def deliver(client, webhook_secret, django_capture_on_commit_callbacks):
    """Post a signed event as Stripe does, running what waits for the commit."""

    def deliver(event):
        with django_capture_on_commit_callbacks(execute=True):
            return post_webhook(client, event)

    return deliver


def paid_moves(order):
    return OrderEvent.objects.filter(order=order, to_status=Order.Status.PAID).count()


# --- Signatures --------------------------------------------------------------------------------------


def test_a_completed_paid_session_marks_the_order_paid(order, deliver, queued_invoices):
    response = deliver(event("checkout.session.completed", session_for(order)))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert intent_of(order) == "pi_test_1"
    assert order.payments.paying().livemode is False
    assert order.paid_at is not None
    assert paid_moves(order) == 1
    record = PaymentEvent.objects.get()
    assert (record.event_id, record.type, record.order, record.outcome) == (
        "evt_1",
        "checkout.session.completed",
        order,
        PaymentEvent.Outcome.PROCESSED,
    )
    assert record.payload["data"]["object"]["id"] == "cs_test_1"
    assert queued_invoices == [order.pk]


def bad_requests(order):
    body = json.dumps(event("checkout.session.completed", session_for(order)))
    good = signed(json.loads(body))[1]
    stale = signed(json.loads(body), timestamp=int(time.time()) - 301)[1]
    wrong = signed(json.loads(body), secret="whsec_someone_else")[1]
    amount = to_minor_units(order.total)
    altered = body.replace(f'"amount_total": {amount}', f'"amount_total": {amount + 1}')
    return {
        "missing signature": (body, None),
        "wrong secret": (body, wrong),
        "stale timestamp": (body, stale),
        "altered body": (altered, good),
        "garbage header": (body, "t=abc,v1=nothing"),
        "not json": ("{not json", signed({"x": 1})[1]),
        "not utf-8": (b"\xff\xfe", good),
    }


@pytest.mark.parametrize(
    "case",
    ["missing signature", "wrong secret", "stale timestamp", "altered body", "garbage header", "not json", "not utf-8"],
)
def test_a_bad_signature_or_body_gets_400_and_changes_nothing(client, order, webhook_secret, case):
    body, header = bad_requests(order)[case]
    headers = {"HTTP_STRIPE_SIGNATURE": header} if header else {}

    response = client.post(WEBHOOK, data=body, content_type="application/json", **headers)

    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert PaymentEvent.objects.count() == 0


def test_without_a_webhook_secret_every_webhook_is_refused(client, order, settings, caplog):
    settings.STRIPE_WEBHOOK_SECRET = ""
    body, header = signed(event("checkout.session.completed", session_for(order)))

    response = client.post(WEBHOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)

    assert response.status_code == 400
    assert "STRIPE_WEBHOOK_SECRET is not set" in caplog.text
    assert PaymentEvent.objects.count() == 0


def test_a_signature_within_the_tolerance_is_accepted(client, order, webhook_secret, queued_invoices):
    response = post_webhook(
        client, event("checkout.session.completed", session_for(order)), timestamp=int(time.time()) - 290
    )

    assert response.status_code == 200


def test_a_signed_body_that_is_not_an_event_gets_400(client, webhook_secret):
    response = post_webhook(client, {"id": "evt_1", "object": "event", "type": "checkout.session.completed"})

    assert response.status_code == 400
    assert PaymentEvent.objects.count() == 0


def test_the_webhook_needs_a_post_and_no_csrf_token(client, order, webhook_secret, queued_invoices):
    csrf_client = client.__class__(enforce_csrf_checks=True)

    assert client.get(WEBHOOK).status_code == 405
    assert post_webhook(csrf_client, event("checkout.session.completed", session_for(order))).status_code == 200


def test_the_webhook_has_no_language_prefix(client, order, webhook_secret):
    body, header = signed(event("checkout.session.completed", session_for(order)))

    response = client.post(
        "/en/payment/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )

    assert reverse("payment_webhook") == WEBHOOK
    assert response.status_code != 200
    assert PaymentEvent.objects.count() == 0


# --- Outcomes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount_total": 4800}, "Stripe charged 4800 usd, the order is 4900 usd"),
        ({"currency": "eur"}, "Stripe charged 4900 eur, the order is 4900 usd"),
    ],
    ids=["amount", "currency"],
)
def test_an_amount_or_currency_mismatch_is_refunded_automatically_not_fulfilled(
    order, deliver, queued_invoices, caplog, changes, message, fake_stripe
):
    session = session_for(order, **changes)
    fake_stripe.add_payment("pi_test_1", session["amount_total"], session["currency"])

    response = deliver(event("checkout.session.completed", session))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    record = PaymentEvent.objects.get()
    assert (record.outcome, record.message, record.order) == (
        PaymentEvent.Outcome.MISMATCH,
        f"{message}; refunded automatically",
        order,
    )
    assert [(r.kind, r.status, r.amount, r.reason) for r in order.refunds.all()] == [
        ("automatic", "succeeded", Decimal(session["amount_total"]) / 100, "amount_mismatch")
    ]
    assert [r.levelno for r in caplog.records if "NEEDS ATTENTION (payment_not_applied)" in r.message] == [
        logging.ERROR
    ]
    assert queued_invoices == []


def test_a_completed_session_not_paid_yet_waits_for_the_async_payment(order, deliver, queued_invoices):
    deliver(event("checkout.session.completed", session_for(order, payment_status="unpaid", payment_intent=None)))

    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert PaymentEvent.objects.get().outcome == PaymentEvent.Outcome.IGNORED

    deliver(event("checkout.session.async_payment_succeeded", session_for(order), event_id="evt_2"))

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert queued_invoices == [order.pk]


def test_a_failed_async_payment_fails_the_order_and_returns_the_stock(order, deliver):
    product = order.lines.get().product
    assert Product.objects.get(pk=product.pk).stock == 8

    deliver(event("checkout.session.async_payment_failed", session_for(order, payment_status="unpaid")))

    order.refresh_from_db()
    assert order.status == Order.Status.FAILED
    assert Product.objects.get(pk=product.pk).stock == 10
    assert PaymentEvent.objects.get().outcome == PaymentEvent.Outcome.PROCESSED


def test_an_expired_session_expires_the_order_and_returns_the_stock(order, deliver):
    product = order.lines.get().product

    deliver(event("checkout.session.expired", session_for(order, status="expired", payment_status="unpaid")))

    order.refresh_from_db()
    assert order.status == Order.Status.EXPIRED
    assert Product.objects.get(pk=product.pk).stock == 10


def test_the_expiry_of_a_replaced_session_leaves_the_order_alone(order, deliver):
    # Given the shopper started a second attempt, which expired the first session at Stripe
    deliver(event("checkout.session.expired", session_for(order, id="cs_test_0", status="expired")))

    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    record = PaymentEvent.objects.get()
    assert record.outcome == PaymentEvent.Outcome.IGNORED
    assert record.message == "Session cs_test_0 was replaced by a newer attempt"


def test_an_unknown_event_type_gets_200_and_a_log_line(deliver, caplog):
    caplog.set_level(logging.INFO, logger="checkout.payments.events")

    response = deliver(event("customer.created", {"id": "cus_1", "object": "customer"}))

    assert response.status_code == 200
    assert PaymentEvent.objects.get().outcome == PaymentEvent.Outcome.IGNORED
    assert "Stripe event evt_1 of type customer.created is not handled; ignored" in caplog.text


def test_an_unknown_session_gets_200_and_a_log_line(deliver, caplog):
    session = {"id": "cs_test_other", "client_reference_id": "NOPE-1", "payment_status": "paid"}

    response = deliver(event("checkout.session.completed", session))

    assert response.status_code == 200
    record = PaymentEvent.objects.get()
    assert (record.outcome, record.order) == (PaymentEvent.Outcome.IGNORED, None)
    assert "Stripe session cs_test_other matches no order; ignored" in caplog.text


# --- Exactly once ------------------------------------------------------------------------------------


def test_a_repeated_delivery_is_not_processed_again(order, deliver, queued_invoices):
    first = deliver(event("checkout.session.completed", session_for(order)))
    second = deliver(event("checkout.session.completed", session_for(order)))

    assert (first.status_code, second.status_code) == (200, 200)
    assert PaymentEvent.objects.count() == 1
    assert paid_moves(order) == 1
    assert queued_invoices == [order.pk]


def test_two_events_for_the_same_payment_fulfil_once(order, deliver, queued_invoices):
    deliver(event("checkout.session.completed", session_for(order), event_id="evt_1"))
    deliver(event("checkout.session.async_payment_succeeded", session_for(order), event_id="evt_2"))

    assert paid_moves(order) == 1
    outcomes = dict(PaymentEvent.objects.values_list("event_id", "outcome"))
    assert outcomes == {"evt_1": PaymentEvent.Outcome.PROCESSED, "evt_2": PaymentEvent.Outcome.IGNORED}
    assert queued_invoices == [order.pk]


def test_expired_after_completed_keeps_the_order_paid(order, deliver, queued_invoices):
    deliver(event("checkout.session.completed", session_for(order), event_id="evt_1"))
    deliver(event("checkout.session.expired", session_for(order, status="expired"), event_id="evt_2"))

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert PaymentEvent.objects.get(event_id="evt_2").outcome == PaymentEvent.Outcome.IGNORED


def test_completed_after_expired_is_refunded_and_not_fulfilled(order, deliver, queued_invoices, fake_stripe):
    fake_stripe.add_payment("pi_test_1", 4900)
    deliver(event("checkout.session.expired", session_for(order, status="expired"), event_id="evt_1"))
    response = deliver(event("checkout.session.completed", session_for(order), event_id="evt_2"))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.EXPIRED
    record = PaymentEvent.objects.get(event_id="evt_2")
    assert record.outcome == PaymentEvent.Outcome.MISMATCH
    assert record.message == "Payment pi_test_1 arrived for an order that is expired; refunded automatically"
    assert fake_stripe.payments["pi_test_1"]["amount_refunded"] == 4900
    assert order.refunds.get().reason == "order_expired"
    assert queued_invoices == []


def test_a_second_payment_for_a_paid_order_is_refunded(order, deliver, queued_invoices, fake_stripe):
    fake_stripe.add_payment("pi_test_2", 4900)
    deliver(event("checkout.session.completed", session_for(order), event_id="evt_1"))
    deliver(
        event(
            "checkout.session.completed",
            session_for(order, id="cs_test_2", payment_intent="pi_test_2"),
            event_id="evt_2",
        )
    )

    record = PaymentEvent.objects.get(event_id="evt_2")
    assert record.outcome == PaymentEvent.Outcome.MISMATCH
    assert record.message == "Second payment pi_test_2 for an order already paid by pi_test_1; refunded automatically"
    assert paid_moves(order) == 1
    assert fake_stripe.payments["pi_test_2"]["amount_refunded"] == 4900
    assert order.refunds.get().payment_intent_id == "pi_test_2"


# --- Failures ----------------------------------------------------------------------------------------


def test_a_database_failure_gets_500_stores_nothing_and_the_retry_works(order, deliver, monkeypatch, queued_invoices):
    # Given the database fails while the order is being marked paid
    redeem_coupon = payments._redeem_coupon

    def broken(*args, **kwargs):
        raise OperationalError("connection lost")

    monkeypatch.setattr(payments, "_redeem_coupon", broken)

    response = deliver(event("checkout.session.completed", session_for(order)))

    # Then Stripe is asked to retry and nothing is left behind, not even the event
    assert response.status_code == 500
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert PaymentEvent.objects.count() == 0

    # When Stripe retries with the database back
    monkeypatch.setattr(payments, "_redeem_coupon", redeem_coupon)
    retried = deliver(event("checkout.session.completed", session_for(order)))

    assert retried.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert queued_invoices == [order.pk]


def test_an_event_that_fails_is_stored_as_failed_and_a_redelivery_processes_it(
    order, deliver, monkeypatch, queued_invoices
):
    # Given processing breaks on something other than the database
    def broken(*args, **kwargs):
        raise ValueError("unexpected payload")

    monkeypatch.setattr(payments, "_redeem_coupon", broken)
    response = deliver(event("checkout.session.completed", session_for(order)))

    assert response.status_code == 200
    record = PaymentEvent.objects.get()
    assert (record.outcome, record.message) == (PaymentEvent.Outcome.FAILED, "ValueError: unexpected payload")
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING

    monkeypatch.setattr(payments, "_redeem_coupon", lambda order: "")
    deliver(event("checkout.session.completed", session_for(order)))

    record.refresh_from_db()
    assert record.outcome == PaymentEvent.Outcome.PROCESSED
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert queued_invoices == [order.pk]


def test_the_order_found_by_its_session_when_stripe_sends_no_reference(deliver, queued_invoices):
    order = make_order([(ProductFactory(price="10.00"), 1)], session_id="cs_test_9")
    session = session_for(order, id="cs_test_9", client_reference_id=None, metadata={})

    deliver(event("checkout.session.completed", session))

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
