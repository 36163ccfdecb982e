"""The invoice PDF as a response: the shopper's download (by the order's token) and the admin's use it."""

from django.http import Http404, HttpResponse

from .documents import InvoiceNotAvailable, invoice_pdf, pdf_filename


def invoice_response(order):
    """The order's invoice PDF, shown in the browser; 404 while the order is unpaid."""
    try:
        invoice, pdf = invoice_pdf(order)
    except InvoiceNotAvailable as exc:
        raise Http404("No invoice for an unpaid order") from exc
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(invoice)}"'
    return response
