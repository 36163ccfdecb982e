"""The invoice and credit note PDFs, and their e-invoice XML alone, as responses: the shopper's download (by the
order's token) and the admin's use them. The XML is read back out of the issued PDF (`hybrid.embedded_xml`), so
the two never differ; a document issued before e-invoices gets its PDF made again, with its number, once."""

import logging

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from . import credit_notes
from .documents import InvoiceNotAvailable, InvoiceRenderFailed, generate_invoice, invoice_pdf, pdf_filename
from .hybrid import embedded_xml

logger = logging.getLogger(__name__)

# Seconds after which a browser or a script may ask again for an invoice that is being prepared.
RETRY_AFTER_SECONDS = 60


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _xml_response(xml: bytes, pdf_name: str) -> HttpResponse:
    response = HttpResponse(xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{pdf_name.removesuffix(".pdf")}.xml"'
    return response


def _pending(order, request) -> HttpResponse:
    response = render(
        request, "checkout/payment/invoice_pending.html", {"order": order, "retry_after": RETRY_AFTER_SECONDS}
    )
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def invoice_response(order, request, *, xml: bool = False):
    """The order's invoice PDF, shown in the browser (or its e-invoice XML, downloaded); 404 while the order is
    unpaid.

    When the PDF cannot be rendered right now, the answer is 503 with `Retry-After` and a page saying the
    invoice is being prepared (the invoice task retries the render, and emails the PDF once it is made): 503
    rather than 200, so that no cache, download manager or script takes the page for the invoice.
    """
    try:
        invoice, pdf = invoice_pdf(order)
        if xml:
            data = embedded_xml(pdf)
            if data is None:
                invoice = generate_invoice(order, regenerate=True)
                with invoice.pdf.open("rb") as file:
                    data = embedded_xml(file.read())
    except InvoiceNotAvailable as exc:
        raise Http404("No invoice for an unpaid order") from exc
    except InvoiceRenderFailed:
        logger.exception("Order %s: its invoice could not be rendered for download", order.number)
        return _pending(order, request)
    if xml:
        return _xml_response(data, pdf_filename(invoice))
    return _pdf_response(pdf, pdf_filename(invoice))


def credit_note_response(order, number: str, request=None, *, xml: bool = False):
    """The PDF (or its XML) of the order's credit note `number` (e.g. "CN-2026-000001"); 404 for any other
    number, 503 while it cannot be made (as the invoice)."""
    credit_note = credit_notes.credit_note_of(order, number)
    if credit_note is None:
        raise Http404("No such credit note for this order")
    filename = credit_notes.pdf_filename(credit_note)
    try:
        pdf = credit_notes.credit_note_pdf(credit_note)
        if not xml:
            return _pdf_response(pdf, filename)
        data = embedded_xml(pdf)
        if data is None:
            credit_note = credit_notes.generate_credit_note(credit_note.refund, regenerate=True)
            data = embedded_xml(credit_notes.credit_note_pdf(credit_note))
    except InvoiceRenderFailed:
        logger.exception("Order %s: credit note %s could not be rendered for download", order.number, number)
        return _pending(order, request)
    return _xml_response(data, filename)
