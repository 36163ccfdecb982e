"""Payments become records (migration 0014): every historical order, in every status, keeps what it knew of its
payment as `Payment` rows (its attempts counted, its session, payment, live mode), its refunds point at the
payment they gave back from, its stored events at their payment; and migrating back restores the order's fields."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from .test_migrations import latest_schema_after, migrate  # noqa: F401 (the fixture, autouse here too)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BEFORE = [("checkout", "0013_order_status_shipped")]
AFTER = [("checkout", "0014_payments")]

# number: (status, session, payment intent, live mode, attempts, total)
ORDERS = {
    "H-1": ("pending", "", "", False, 0, "49.00"),
    "H-2": ("pending", "cs_test_2", "", False, 2, "49.00"),
    "H-3": ("paid", "cs_live_3", "pi_live_3", True, 1, "49.00"),
    "H-4": ("shipped", "cs_offline_4", "pi_offline_4", False, 1, "49.00"),
    "H-5": ("partially_refunded", "cs_test_5", "pi_test_5", False, 1, "49.00"),
    "H-6": ("refunded", "cs_test_6", "pi_test_6", False, 1, "49.00"),
    "H-7": ("cancelled", "cs_test_7", "", False, 1, "49.00"),
    "H-8": ("expired", "cs_test_8", "", False, 3, "49.00"),
    "H-9": ("failed", "cs_test_9", "", False, 1, "49.00"),
    "H-10": ("paid", "cs_free_10", "", False, 0, "0.00"),
}


def old_order(Order, number, status, session, intent, livemode, attempts, total):
    now = timezone.now()
    return Order.objects.create(
        number=number,
        token=f"token-{number}",
        status=status,
        language="en",
        currency="usd",
        subtotal=Decimal(total),
        discount=Decimal("0.00"),
        total=Decimal(total),
        first_name="Ana",
        last_name="Pérez",
        email="ana@example.com",
        address="Calle Mayor 1",
        postal_code="28001",
        city="Madrid",
        country="ES",
        reserved_until=now + timedelta(minutes=30),
        paid_at=now if intent or session.startswith("cs_free_") else None,
        stripe_session_id=session,
        stripe_payment_intent_id=intent,
        stripe_livemode=livemode,
        payment_attempts=attempts,
        refunded_amount=Decimal({"partially_refunded": "10.00", "refunded": total}.get(status, "0")),
    )


def test_historical_orders_in_every_status_become_payment_rows_and_back(db):
    old = migrate(BEFORE)
    Order, Refund, PaymentEvent = (old.get_model("checkout", name) for name in ("Order", "Refund", "PaymentEvent"))
    orders = {number: old_order(Order, number, *fields) for number, fields in ORDERS.items()}
    Refund.objects.create(
        order=orders["H-5"], amount=Decimal("10.00"), currency="usd", payment_intent_id="pi_test_5",
        status="succeeded", stripe_refund_id="re_5",
    )  # fmt: skip
    Refund.objects.create(
        order=orders["H-6"], amount=Decimal("49.00"), currency="usd", payment_intent_id="pi_test_6",
        status="succeeded", stripe_refund_id="re_6",
    )  # fmt: skip
    # A payment that arrived after H-7 was cancelled, given back automatically: the order never knew its id.
    Refund.objects.create(
        order=orders["H-7"], kind="automatic", amount=Decimal("49.00"), currency="usd", payment_intent_id="pi_late_7",
        status="succeeded", stripe_refund_id="re_7", reason="order_cancelled",
    )  # fmt: skip
    PaymentEvent.objects.create(
        stripe_event_id="evt_3",
        type="checkout.session.completed",
        order=orders["H-3"],
        payload={"id": "evt_3", "data": {"object": {"id": "cs_live_3", "payment_intent": "pi_live_3"}}},
        outcome="processed",
        processed_at=timezone.now(),
    )
    PaymentEvent.objects.create(stripe_event_id="evt_x", type="customer.created", payload={}, outcome="ignored")

    new = migrate(AFTER)

    Payment, PaymentEvent = new.get_model("checkout", "Payment"), new.get_model("checkout", "PaymentEvent")

    def rows(number):
        return [
            (p.provider, p.session_id, p.payment_intent_id, p.livemode, p.amount, p.currency, p.status)
            for p in Payment.objects.filter(order__number=number).order_by("pk")
        ]

    forty_nine = Decimal("49.00")
    assert rows("H-1") == []
    assert rows("H-2") == [
        ("stripe", "", "", False, forty_nine, "usd", "cancelled"),  # the attempt its session replaced, counted
        ("stripe", "cs_test_2", "", False, forty_nine, "usd", "pending"),
    ]
    assert rows("H-3") == [("stripe", "cs_live_3", "pi_live_3", True, forty_nine, "usd", "succeeded")]
    assert rows("H-4") == [("offline", "cs_offline_4", "pi_offline_4", False, forty_nine, "usd", "succeeded")]
    assert rows("H-5") == [("stripe", "cs_test_5", "pi_test_5", False, forty_nine, "usd", "partially_refunded")]
    assert rows("H-6") == [("stripe", "cs_test_6", "pi_test_6", False, forty_nine, "usd", "refunded")]
    assert rows("H-7") == [
        ("stripe", "cs_test_7", "", False, forty_nine, "usd", "cancelled"),
        ("stripe", "", "pi_late_7", False, forty_nine, "usd", "refunded"),  # the payment given back
    ]
    assert rows("H-8") == [
        ("stripe", "", "", False, forty_nine, "usd", "cancelled"),
        ("stripe", "", "", False, forty_nine, "usd", "cancelled"),
        ("stripe", "cs_test_8", "", False, forty_nine, "usd", "cancelled"),
    ]
    assert rows("H-9") == [("stripe", "cs_test_9", "", False, forty_nine, "usd", "failed")]
    assert rows("H-10") == [("free", "cs_free_10", "", False, Decimal("0.00"), "usd", "succeeded")]
    # Refunds point at the payment they gave back from
    Refund = new.get_model("checkout", "Refund")
    assert {r.provider_refund_id: r.payment.payment_intent_id for r in Refund.objects.all()} == {
        "re_5": "pi_test_5",
        "re_6": "pi_test_6",
        "re_7": "pi_late_7",
    }
    # Events point at their payment where they name it, and the payment knows the last one applied
    event = PaymentEvent.objects.get(event_id="evt_3")
    assert (event.provider, event.payment.session_id) == ("stripe", "cs_live_3")
    assert event.payment.last_event_id == "evt_3"
    assert PaymentEvent.objects.get(event_id="evt_x").payment is None

    back = migrate(BEFORE)

    Order = back.get_model("checkout", "Order")
    restored = {
        o.number: (o.status, o.stripe_session_id, o.stripe_payment_intent_id, o.stripe_livemode, o.payment_attempts)
        for o in Order.objects.all()
    }
    for number, (status, session, intent, livemode, attempts, _total) in ORDERS.items():
        if number == "H-10":  # a free order: nothing was ever asked of a provider
            assert restored[number] == (status, "", "", False, 0)
        else:
            assert restored[number] == (status, session, intent, livemode, attempts), number
