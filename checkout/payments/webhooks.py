"""The payment provider's webhook at `/payment/webhook/`: outside the language prefixes, exempt from CSRF, signed
instead.

400 for a body or signature that does not verify, or a signed body that is not an event (nothing is stored or
changed); 200 once the event is stored and processed, or recognised as a repeat, or of a kind or session we do not
know; 500 when the database fails, so that the provider delivers the event again.
"""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import providers
from .events import handle_event
from .providers import InvalidWebhook

logger = logging.getLogger(__name__)


def _verified(request):
    """(provider, event) for the first configured provider whose signature the request carries."""
    refusals = []
    for provider in providers.configured():
        try:
            return provider, provider.verify_webhook(request.body, request.headers)
        except InvalidWebhook as exc:
            refusals.append(f"{provider.name}: {exc}")
    raise InvalidWebhook("; ".join(refusals))


@csrf_exempt
@require_POST
def provider_webhook(request):
    try:
        provider, payload = _verified(request)
    except InvalidWebhook as exc:
        logger.warning("Payment webhook refused: %s", exc)
        return HttpResponseBadRequest("Invalid payload or signature", content_type="text/plain")
    try:
        record = handle_event(payload, provider=provider)
    except DatabaseError:
        logger.exception("%s event not stored: database error", provider.label)
        return HttpResponse("Database unavailable, retry later", status=500, content_type="text/plain")
    return HttpResponse(record.outcome, content_type="text/plain")
