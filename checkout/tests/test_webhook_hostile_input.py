"""The webhook and hostile input: a signed body that is not an event is a 400 (nested deeper than any event
included), and an event naming an order reference that cannot exist (a NUL in it, a number, a list) is a 200 that
changes nothing.

Run on PostgreSQL too: it refuses a NUL in a query or in a JSON column, which SQLite accepts."""

import json

import pytest
import stripe

from checkout.models import Order, PaymentEvent
from checkout.payments.providers import stripe as stripe_provider

from .factories import make_order
from .payment_factories import event, session_for
from .payment_fixtures import WEBHOOK_SECRET, post_webhook

pytestmark = pytest.mark.django_db
WEBHOOK = "/payment/webhook/"


def post_signed_body(client, body: str):
    """`body` exactly as given (any JSON), signed with the shop's webhook secret as Stripe would sign it."""
    header = stripe.WebhookSignature.generate_signature_header(body, WEBHOOK_SECRET)
    return client.post(WEBHOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '[{"id": "evt_1", "type": "checkout.session.completed", "data": {"object": {}}}]',
        '"checkout.session.completed"',
        "42",
        "null",
        "true",
        "{}",
        '{"id": "evt_1", "type": "checkout.session.completed"}',
        '{"id": "evt_1", "type": "checkout.session.completed", "data": []}',
        '{"id": "evt_1", "type": "checkout.session.completed", "data": {"object": "cs_1"}}',
        '{"id": 1, "type": "checkout.session.completed", "data": {"object": {}}}',
        '{"id": "evt_1", "type": ["checkout.session.completed"], "data": {"object": {}}}',
        '{"id": "", "type": "checkout.session.completed", "data": {"object": {}}}',
        '{"id": "evt_\\u0000", "type": "checkout.session.completed", "data": {"object": {}}}',
        '{"id": "evt_1", "type": "checkout.session.\\u0000", "data": {"object": {}}}',
        '{"id": "' + "e" * 1000 + '", "type": "checkout.session.completed", "data": {"object": {}}}',
    ],
)
def test_a_signed_body_that_is_not_an_event_gets_400_and_stores_nothing(client, webhook_secret, body):
    response = post_signed_body(client, body)

    assert response.status_code == 400
    assert PaymentEvent.objects.count() == 0


@pytest.mark.parametrize(
    "reference",
    ["NOPE\x00-1", "\x00", "x" * 5000, 42, ["MS-1"], {"number": "MS-1"}, "🛒", "MS-%00"],
)
@pytest.mark.parametrize("event_type", ["checkout.session.completed", "checkout.session.expired"])
def test_an_impossible_order_reference_gets_200_a_log_line_and_changes_nothing(
    client, webhook_secret, caplog, reference, event_type
):
    order = make_order(session_id="cs_test_1")
    session = session_for(order, client_reference_id=reference, metadata={"order_number": reference})
    session.update(id="cs_test_\x00other", payment_intent="pi_\x00")

    response = post_webhook(client, event(event_type, session))

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    record = PaymentEvent.objects.get()
    assert (record.outcome, record.order) == (PaymentEvent.Outcome.IGNORED, None)
    assert "matches no order; ignored" in caplog.text
    assert record.payload["data"]["object"]["id"] == "cs_test_\ufffdother"  # NUL cannot be stored: replaced


@pytest.mark.parametrize("metadata", [None, [], "MS-1", {"order_number": ["MS-1"]}])
def test_a_refund_event_with_junk_metadata_names_no_order(client, webhook_secret, metadata):
    make_order(session_id="cs_test_1")
    refund = {
        "id": "re_1",
        "object": "refund",
        "payment_intent": {"id": 7},
        "metadata": metadata,
        "status": "succeeded",
    }

    response = post_webhook(client, event("refund.updated", refund))

    assert response.status_code == 200
    assert PaymentEvent.objects.get().outcome == PaymentEvent.Outcome.IGNORED


def nested(depth: int, inner="{}"):
    """JSON text nesting `inner` in `depth` lists: `nested(2)` is `[[{}]]`."""
    return "[" * depth + inner + "]" * depth


def event_with_metadata_depth(depth: int) -> str:
    """A completed session's event whose `data.object.metadata` nests `depth` objects."""
    metadata = "{}"
    for _level in range(depth - 1):
        metadata = '{"a": ' + metadata + "}"
    return json.dumps(event("checkout.session.completed", {"id": "cs_1", "metadata": {}})).replace(
        '"metadata": {}', '"metadata": ' + metadata
    )


@pytest.mark.parametrize(
    "body",
    [
        nested(1000),  # deeper than the parser recurses: RecursionError in json.loads
        nested(100_000),
        '{"a": ' + nested(1000) + "}",
        event_with_metadata_depth(500),  # parses, but deeper than anything may walk it
        event_with_metadata_depth(stripe_provider.MAX_EVENT_DEPTH),  # with the event's three levels: just over
    ],
    ids=["list-1000", "list-100000", "object-1000", "metadata-500", "just-over"],
)
def test_a_signed_body_nested_deeper_than_any_event_gets_400_and_stores_nothing(client, webhook_secret, caplog, body):
    response = post_signed_body(client, body)

    assert response.status_code == 400
    assert response.content == b"Invalid payload or signature"
    assert PaymentEvent.objects.count() == 0
    assert "nested" in caplog.text


def test_an_event_as_deep_as_allowed_is_processed(client, webhook_secret):
    body = event_with_metadata_depth(stripe_provider.MAX_EVENT_DEPTH - 3)
    assert stripe_provider.json_depth(json.loads(body)) == stripe_provider.MAX_EVENT_DEPTH

    response = post_signed_body(client, body)

    assert response.status_code == 200
    assert PaymentEvent.objects.get().outcome == PaymentEvent.Outcome.IGNORED  # no order has session cs_1


@pytest.mark.parametrize(
    ("value", "depth"),
    [(1, 0), ("x", 0), ([], 1), ({}, 1), ({"a": [1]}, 2), ([[], [[{"b": None}]]], 4), (json.loads(nested(900)), 901)],
)
def test_json_depth_counts_levels_without_recursing(value, depth):
    assert stripe_provider.json_depth(value) == depth
