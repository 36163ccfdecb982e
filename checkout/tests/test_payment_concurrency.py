"""One payable Checkout Session per order, whatever the number of "Pay now" presses arriving at once
(several web workers, two tabs, a double click): PostgreSQL row locks and real threads."""

import threading

import pytest
from django.db import connection
from django.test import Client

from checkout.models import Order

from .factories import make_order

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
    assert order.payment_attempts == 4
    assert open_sessions == [order.stripe_session_id]
    assert len(fake_stripe.sessions) == 4
    assert targets.count(f"https://checkout.stripe.test/c/pay/{order.stripe_session_id}") == 1
    assert order.status == Order.Status.PENDING
