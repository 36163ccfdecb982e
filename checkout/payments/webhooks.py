"""Stripe's webhook at `/payment/webhook/`: outside the language prefixes, exempt from CSRF, signed instead.

400 for a body or signature that does not verify (nothing is stored or changed); 200 once the event is
stored and processed, or recognised as a repeat, or of a kind or session we do not know; 500 when the
database fails, so that Stripe delivers the event again.
"""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import gateway
from .services import handle_event

logger = logging.getLogger(__name__)


def _is_event(event: dict) -> bool:
    data = event.get("data")
    return (
        isinstance(event.get("id"), str)
        and bool(event["id"])
        and isinstance(event.get("type"), str)
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
    )


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
