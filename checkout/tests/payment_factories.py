"""What Stripe sends about an order: a Checkout session and the event that carries it.

Orders themselves come from `checkout.tests.factories.make_order`.
"""

from checkout.tests.factories import session_of
from storefront.money import to_minor_units


def session_for(order, **changes):
    """The session Stripe sends once `order` is paid in full: its total in minor units, in its currency."""
    session = {
        "id": session_of(order) or "cs_test_1",
        "object": "checkout.session",
        "status": "complete",
        "payment_status": "paid",
        "amount_total": to_minor_units(order.total, order.currency),
        "currency": order.currency,
        "client_reference_id": order.number,
        "metadata": {"order_number": order.number},
        "payment_intent": "pi_test_1",
        "livemode": False,
    }
    return {**session, **changes}


def event(event_type, session, event_id="evt_1"):
    return {"id": event_id, "object": "event", "type": event_type, "livemode": False, "data": {"object": session}}


# Test modules written before the builders were one import them from here; new ones import from `factories`.
from checkout.tests.factories import make_order, make_paid_order  # noqa: E402, F401
