"""The invoice and credit note PDFs as responses: the shopper's download (by the order's token) and the admin's
use them."""

from django.http import Http404, HttpResponse

from . import credit_notes
from .documents import InvoiceNotAvailable, invoice_pdf, pdf_filename


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def invoice_response(order):
    """The order's invoice PDF, shown in the browser; 404 while the order is unpaid."""
    try:
        invoice, pdf = invoice_pdf(order)
    except InvoiceNotAvailable as exc:
        raise Http404("No invoice for an unpaid order") from exc
    return _pdf_response(pdf, pdf_filename(invoice))


def credit_note_response(order, number: str):
    """The PDF of the order's credit note `number` (e.g. "CN-2026-000001"); 404 for any other number."""
    credit_note = credit_notes.credit_note_of(order, number)
    if credit_note is None:
        raise Http404("No such credit note for this order")
    return _pdf_response(credit_notes.credit_note_pdf(credit_note), credit_notes.pdf_filename(credit_note))
