"""Real concurrent transactions on PostgreSQL: the last unit, a double submit, a twice-delivered email.

Each shopper runs in its own thread with its own database connection, so these are two real transactions
competing for the same rows, not a simulation. The first test holds the winner inside its transaction
until PostgreSQL reports the other one waiting for the row lock.
"""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connections

from checkout.models import Order
from checkout.orders import emails, services
from checkout.orders.exceptions import OutOfStock
from products.models import Product, ProductVariant
from storefront.mail import SendInProgress

from .conftest import ListCart
from .factories import CUSTOMER

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def in_thread(target, *args):
    """Run `target` in a thread with its own connection; returns (thread, outcome list)."""
    outcome = []

    def run():
        try:
            outcome.append(target(*args))
        except Exception as error:  # noqa: BLE001 - the test inspects whatever happened
            outcome.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def lock_waiters() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def shopper(name, product, submission_key=None):
    customer = {**CUSTOMER, "email": f"{name}@example.com"}
    return services.place_order(ListCart((product, 1)), customer, "en", submission_key)


def test_two_shoppers_race_for_the_last_unit_and_exactly_one_gets_it(shop, monkeypatch):
    mug = shop["mug"]
    ProductVariant.objects.filter(product=mug).update(stock=1)
    first_holds_lock, release_first = threading.Event(), threading.Event()
    real_check = services.check_sellable

    def check_then_wait(products, quantities, titles):
        real_check(products, quantities, titles)
        if not first_holds_lock.is_set():  # the first shopper pauses inside its transaction, rows locked
            first_holds_lock.set()
            release_first.wait(timeout=10)

    monkeypatch.setattr(services, "check_sellable", check_then_wait)

    first, first_outcome = in_thread(shopper, "first", mug)
    assert first_holds_lock.wait(timeout=10)
    second, second_outcome = in_thread(shopper, "second", mug)
    deadline = time.monotonic() + 10
    while lock_waiters() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    waiting = lock_waiters()
    release_first.set()
    first.join(timeout=20)
    second.join(timeout=20)

    assert waiting == 1  # the second shopper's SELECT ... FOR UPDATE really waited for the first
    assert isinstance(first_outcome[0], Order)
    assert isinstance(second_outcome[0], OutOfStock)
    assert second_outcome[0].message == "“Mug” has just sold out. Please remove it from your cart."
    assert list(Order.objects.values_list("email", flat=True)) == ["first@example.com"]
    assert Product.objects.get(pk=mug.pk).stock == 0


def test_shoppers_starting_together_never_oversell(shop):
    mug = shop["mug"]
    ProductVariant.objects.filter(product=mug).update(stock=1)
    start = threading.Barrier(3)

    def on_signal(name):
        start.wait(timeout=10)
        return shopper(name, mug)

    runs = [in_thread(on_signal, name) for name in ("ana", "boris", "carmen")]
    for thread, _outcome in runs:
        thread.join(timeout=30)

    outcomes = [outcome[0] for _thread, outcome in runs]
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Order", "OutOfStock", "OutOfStock"]
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=mug.pk).stock == 0


def test_a_concurrent_double_submit_makes_one_order(shop):
    kettle = shop["kettle"]
    start = threading.Barrier(2)

    def submit():
        start.wait(timeout=10)
        return shopper("ana", kettle, "the-same-key")

    runs = [in_thread(submit) for _ in range(2)]
    for thread, _outcome in runs:
        thread.join(timeout=30)

    first, second = (outcome[0] for _thread, outcome in runs)
    assert isinstance(first, Order) and isinstance(second, Order)
    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=kettle.pk).stock == 9


def test_a_confirmation_delivered_twice_at_once_is_sent_once(shop, monkeypatch):
    order = shopper("ana", shop["kettle"])  # its confirmation went out eagerly on commit: forget it
    Order.objects.filter(pk=order.pk).update(confirmation_sent_at=None)
    mail.outbox = []
    real_send = EmailBackend.send_messages

    def slow_send(self, messages):
        time.sleep(0.5)  # a slow mail server: the second delivery arrives while the first is sending
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    start = threading.Barrier(2)

    def deliver():
        start.wait(timeout=10)
        return emails.send_confirmation(order.pk)

    runs = [in_thread(deliver) for _ in range(2)]
    for thread, _outcome in runs:
        thread.join(timeout=30)

    # One sends; the other finds the email claimed, sends nothing and raises for its task to retry later
    outcomes = [outcome[0] for _thread, outcome in runs]
    assert outcomes.count(True) == 1
    assert [type(outcome) for outcome in outcomes if outcome is not True] == [SendInProgress]
    assert len(mail.outbox) == 1
