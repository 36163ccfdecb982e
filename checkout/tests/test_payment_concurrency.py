"""Money under real concurrency (PostgreSQL row locks, real threads): one payable Checkout Session per order
whatever the number of "Pay now" presses arriving at once, and one refund when two shop managers refund at once."""

import threading

import pytest
from django.db import connection
from django.test import Client

from checkout.models import Order, Refund
from checkout.refunds.services import RefundError, refund_order
from storefront.money import to_minor_units

from .factories import intent_of, make_order, make_paid_order, session_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def press_pay_at_once(order, times):
    """`times` shoppers' browsers POST "Pay now" for `order` at the same moment; their redirect targets."""
    barrier = threading.Barrier(times)
    targets = [None] * times

    def press(index):
        try:
            client = Client()
            barrier.wait()
            targets[index] = client.post(f"/en/payment/{order.token}/pay/")["Location"]
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(index,)) for index in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return targets


def test_four_simultaneous_pay_presses_leave_one_open_session(fake_stripe):
    # Given a pending order
    order = make_order()

    # When four "Pay now" POSTs arrive at once
    targets = press_pay_at_once(order, 4)

    # Then each went to a Stripe page, the presses took turns, and only the last session can still be paid
    order.refresh_from_db()
    open_sessions = [sid for sid, session in fake_stripe.sessions.items() if session["status"] == "open"]
    assert all(target.startswith("https://checkout.stripe.test/c/pay/") for target in targets)
    assert order.payments.count() == 4
    assert open_sessions == [session_of(order)]
    assert len(fake_stripe.sessions) == 4
    assert targets.count(f"https://checkout.stripe.test/c/pay/{session_of(order)}") == 1
    assert order.status == Order.Status.PENDING


def all_at_once(calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 (the test looks at what each thread met)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_shop_managers_refunding_the_whole_order_at_once_refund_it_once(fake_stripe):
    # Given a paid order of 49.00, and two shop managers pressing "Refund the whole order" at the same moment
    order = make_paid_order()
    fake_stripe.add_payment(intent_of(order), to_minor_units(order.total))

    results = all_at_once(
        [lambda key=key: refund_order(Order.objects.get(pk=order.pk), request_key=key) for key in ("a", "b")]
    )

    # Then one refund went to Stripe and the other was told there was nothing left
    order.refresh_from_db()
    refunds = [r for r in results if isinstance(r, Refund)]
    errors = [r for r in results if isinstance(r, RefundError)]
    assert len(refunds) == 1 and len(errors) == 1
    assert str(errors[0].message) == "This order has already been refunded in full."
    assert len(fake_stripe.requests_to("POST", "/v1/refunds")) == 1
    assert (order.status, order.refunded_amount) == (Order.Status.REFUNDED, order.total)
