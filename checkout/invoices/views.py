"""The invoice and credit note PDFs as responses: the shopper's download (by the order's token) and the admin's
use them."""

import logging

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from . import credit_notes
from .documents import InvoiceNotAvailable, InvoiceRenderFailed, invoice_pdf, pdf_filename

logger = logging.getLogger(__name__)

# Seconds after which a browser or a script may ask again for an invoice that is being prepared.
RETRY_AFTER_SECONDS = 60


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def invoice_response(order, request):
    """The order's invoice PDF, shown in the browser; 404 while the order is unpaid.

    When the PDF cannot be rendered right now, the answer is 503 with `Retry-After` and a page saying the
    invoice is being prepared (the invoice task retries the render, and emails the PDF once it is made): 503
    rather than 200, so that no cache, download manager or script takes the page for the invoice.
    """
    try:
        invoice, pdf = invoice_pdf(order)
    except InvoiceNotAvailable as exc:
        raise Http404("No invoice for an unpaid order") from exc
    except InvoiceRenderFailed:
        logger.exception("Order %s: its invoice could not be rendered for download", order.number)
        response = render(
            request, "checkout/payment/invoice_pending.html", {"order": order, "retry_after": RETRY_AFTER_SECONDS}
        )
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return _pdf_response(pdf, pdf_filename(invoice))


def credit_note_response(order, number: str):
    """The PDF of the order's credit note `number` (e.g. "CN-2026-000001"); 404 for any other number."""
    credit_note = credit_notes.credit_note_of(order, number)
    if credit_note is None:
        raise Http404("No such credit note for this order")
    return _pdf_response(credit_notes.credit_note_pdf(credit_note), credit_notes.pdf_filename(credit_note))
