"""Exactly once under real concurrency: PostgreSQL, a live server, threads sending requests at the same moment."""

import threading

import pytest
import requests
from django.core import mail

from checkout.models import Invoice, Order, OrderEvent, PaymentEvent
from products.models import Product

from .factories import intent_of, make_order, session_of
from .payment_fixtures import signed

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def all_at_once(calls):
    """Run the callables in threads released together; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def webhook_call(server_url, event):
    body, header = signed(event)

    def call():
        response = requests.post(
            f"{server_url}/payment/webhook/",
            data=body.encode(),
            headers={"Stripe-Signature": header, "Content-Type": "application/json"},
            timeout=30,
        )
        return response.status_code

    return call


def page_call(url):
    return lambda: requests.get(url, timeout=30).status_code


def started_and_paid(client, fake_stripe):
    """An order whose shopper paid on the (fake) Stripe page: (order, the paid session)."""
    order = make_order()
    client.post(f"/en/payment/{order.token}/pay/")
    order.refresh_from_db()
    return order, fake_stripe.pay(session_of(order))


def test_concurrent_deliveries_and_success_page_visits_fulfil_once(live_server, client, fake_stripe, celery_eager):
    # Given a paid session, its two events, and the shopper's browser all arriving at once
    order, session = started_and_paid(client, fake_stripe)
    completed = fake_stripe.event("checkout.session.completed", session["id"], event_id="evt_completed")
    succeeded = fake_stripe.event("checkout.session.async_payment_succeeded", session["id"], event_id="evt_async")
    success_page = f"{live_server.url}/en/payment/{order.token}/?session_id={session['id']}"
    calls = (
        [webhook_call(live_server.url, completed) for _ in range(4)]
        + [webhook_call(live_server.url, succeeded) for _ in range(2)]
        + [page_call(success_page) for _ in range(4)]
    )

    statuses = all_at_once(calls)

    # Then every request succeeded, each event is stored once, and the order was paid exactly once
    assert statuses == [200] * 10
    assert sorted(PaymentEvent.objects.values_list("event_id", flat=True)) == ["evt_async", "evt_completed"]
    assert PaymentEvent.objects.filter(outcome=PaymentEvent.Outcome.PROCESSED).count() <= 1
    assert set(PaymentEvent.objects.values_list("outcome", flat=True)) <= {"processed", "ignored"}
    assert OrderEvent.objects.filter(order=order, to_status=Order.Status.PAID).count() == 1
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert intent_of(order) == f"pi_{session['id']}"
    # and one invoice went out, once
    assert Invoice.objects.filter(order=order).count() == 1
    assert len(mail.outbox) == 1


def test_concurrent_payments_of_different_orders_get_gap_free_invoice_numbers(
    live_server, client, fake_stripe, celery_eager
):
    paid = [started_and_paid(client, fake_stripe) for _ in range(5)]
    calls = [
        webhook_call(live_server.url, fake_stripe.event("checkout.session.completed", session["id"]))
        for _order, session in paid
    ]

    statuses = all_at_once(calls)

    assert statuses == [200] * 5
    assert Order.objects.filter(status=Order.Status.PAID).count() == 5
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert len(mail.outbox) == 5


def test_completed_and_expired_racing_leave_a_consistent_order(live_server, client, fake_stripe, queued_invoices):
    order, session = started_and_paid(client, fake_stripe)
    product = order.lines.get().product
    completed = fake_stripe.event("checkout.session.completed", session["id"], event_id="evt_completed")
    expired = fake_stripe.event("checkout.session.expired", session["id"], event_id="evt_expired")

    statuses = all_at_once([webhook_call(live_server.url, completed), webhook_call(live_server.url, expired)])

    assert statuses == [200, 200]
    order.refresh_from_db()
    outcomes = dict(PaymentEvent.objects.values_list("event_id", "outcome"))
    stock = Product.objects.get(pk=product.pk).stock
    if order.status == Order.Status.PAID:
        assert outcomes == {"evt_completed": "processed", "evt_expired": "ignored"}
        assert stock == 8
    else:
        # the expiry won: the payment is recorded for a refund, the stock is back
        assert order.status == Order.Status.EXPIRED
        assert outcomes == {"evt_completed": "mismatch", "evt_expired": "processed"}
        assert stock == 10
