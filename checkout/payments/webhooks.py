"""Stripe's webhook at `/payment/webhook/`: outside the language prefixes, exempt from CSRF, signed instead.

400 for a body or signature that does not verify, or a signed body that is not an event (a list, a string, an
event without id, type or object, a body nested deeper than any event: nothing is stored or changed); 200 once
the event is stored and processed, or recognised as a repeat, or of a kind or session we do not know; 500 when
the database fails, so that Stripe delivers the event again.
"""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import gateway
from .models import PaymentEvent
from .services import handle_event

logger = logging.getLogger(__name__)


def _is_event(event) -> bool:
    """A JSON object with an id and a type that fit their columns (printable text: a NUL is not an id) and an
    object in its data; Stripe signs nothing else, so anything else is a 400."""
    if not isinstance(event, dict) or not isinstance(event.get("data"), dict):
        return False
    return (
        _fits(event.get("id"), PaymentEvent._meta.get_field("stripe_event_id").max_length)
        and _fits(event.get("type"), PaymentEvent._meta.get_field("type").max_length)
        and isinstance(event["data"].get("object"), dict)
    )


def _fits(value, max_length: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= max_length and value.isprintable()


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = gateway.verify_webhook(request.body, request.headers.get("Stripe-Signature"))
    except gateway.InvalidWebhook as exc:
        logger.warning("Stripe webhook refused: %s", exc)
        return HttpResponseBadRequest("Invalid payload or signature", content_type="text/plain")
    if not _is_event(event):
        logger.warning("Stripe webhook refused: signed, but not an event: %.200r", event)
        return HttpResponseBadRequest("Not an event", content_type="text/plain")
    try:
        record = handle_event(event)
    except DatabaseError:
        logger.exception("Stripe event %s (%s) not stored: database error", event["id"], event["type"])
        return HttpResponse("Database unavailable, retry later", status=500, content_type="text/plain")
    return HttpResponse(record.outcome, content_type="text/plain")
