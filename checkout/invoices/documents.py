"""The invoice of a paid order: a gap-free number assigned once, a PDF in the order's language, one email.

The number is the previous highest plus one, taken under a lock that every numbering transaction shares,
and only for an order that has none: so numbers never repeat, never skip, and regenerating the PDF keeps
the number. WeasyPrint renders the PDF with a URL fetcher that serves the project's own static files and
refuses everything else (no `file://`, no network). DejaVu Sans (a system font) covers Latin and Cyrillic.
"""

import logging
import mimetypes
import secrets
from decimal import Decimal
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from babel import Locale as BabelLocale
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Site

from checkout.orders.alerts import raise_alert
from checkout.orders.models import Alert, Order
from checkout.taxes.summary import order_summary
from home.models import ShopSettings
from storefront.mail import message_id, send_once
from storefront.money import format_money, format_rate

from . import hybrid
from .einvoice import EInvoiceIncomplete, invoice_xml, is_export, seller_party
from .models import Invoice

logger = logging.getLogger(__name__)

# Relative URLs in the invoice resolve against this made-up origin; the fetcher serves only its /static/.
INVOICE_BASE_URL = "https://invoice.storefront.invalid/"
INVOICE_STATIC_URL = INVOICE_BASE_URL + "static/"
# Any fixed 64-bit number: the PostgreSQL advisory lock that serialises invoice numbering.
NUMBERING_LOCK_KEY = 4_004_202_611


class InvoiceNotAvailable(Exception):
    """Only a paid order has an invoice."""


class ForbiddenResource(ValueError):
    """The invoice asked for something other than the project's own static files."""


class InvoiceRenderFailed(Exception):
    """The invoice's PDF could not be rendered or stored (the cause is chained); the invoice task retries, and
    the download tells the shopper the invoice is being prepared. The number, once assigned, stays."""


class DocumentBlocked(InvoiceRenderFailed):
    """A document waits for seller data that its e-invoice requires (shop managers are alerted): the download says
    it is being prepared, the task retries, and it is issued once the shop settings are complete."""


# --- Number -----------------------------------------------------------------------------------------


def lock_numbering(key: int = NUMBERING_LOCK_KEY) -> None:
    """Take the transaction-scoped PostgreSQL advisory lock `key` of one number series (invoices by default)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
    # SQLite (development) lets one writer at a time in: the unique number is the last line of defence.


def assign_invoice(order: Order) -> Invoice:
    """The order's invoice, created with the next number if it has none yet. Gap-free and concurrency-safe."""
    with transaction.atomic():
        order = Order.objects.locked(order)
        if not order.is_paid:
            raise InvoiceNotAvailable(f"Order {order.number} is {order.status}")
        existing = Invoice.objects.filter(order=order).first()
        if existing:
            return existing
        lock_numbering()
        last = Invoice.objects.aggregate(last=Max("number"))["last"] or 0
        invoice = Invoice.objects.create(order=order, number=last + 1)
    logger.info("Invoice %s issued for order %s", invoice.display_number, order.number)
    return invoice


# --- PDF --------------------------------------------------------------------------------------------


def static_file_for(url: str) -> str:
    """The filesystem path of the project static file that `url` names; `ForbiddenResource` for anything else."""
    parts = urlsplit(url)
    if not url.startswith(INVOICE_STATIC_URL) or parts.query or parts.fragment:
        raise ForbiddenResource(f"Invoices may only use the shop's static files, not {url!r}")
    relative = PurePosixPath(unquote(parts.path).removeprefix(urlsplit(INVOICE_STATIC_URL).path))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ForbiddenResource(f"Not a static file path: {url!r}")
    found = finders.find(str(relative))
    if not found:
        raise ForbiddenResource(f"No such static file: {url!r}")
    return found


def _url_fetcher():
    # WeasyPrint (with Pango and its fonts) is loaded when an invoice is first rendered, not by every web
    # process that imports this module: not to break a cycle, to keep workers that never render lean.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnlyFetcher(URLFetcher):
        """Serves the project's static files to WeasyPrint; raises for every other URL."""

        def fetch(self, url, headers=None):
            path = static_file_for(url)
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            with open(path, "rb") as file:
                return URLFetcherResponse(url, body=file.read(), headers={"Content-Type": content_type})

    return StaticFilesOnlyFetcher()


@cache
def _font_config():
    """One WeasyPrint font configuration per process: the fonts found and loaded once, shared by every render."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def seller() -> dict:
    """Who sells, from the default site's shop settings, falling back to the SELLER_DETAILS and SELLER_TAX_ID
    settings one field at a time. The tax ID is never part of the details: the documents print it once, under
    their own translated label."""
    site = Site.objects.filter(is_default_site=True).first()
    shop = ShopSettings.for_site(site) if site else None
    details = (shop.seller_details if shop else "") or settings.SELLER_DETAILS
    return {
        "name": shop.shop_name if shop else settings.STORE_NAME,
        "lines": [line.strip() for line in details.splitlines() if line.strip()],
        "tax_id": (shop.seller_tax_id if shop else "") or settings.SELLER_TAX_ID,
    }


def _country_name(code: str, language: str) -> str:
    return BabelLocale.parse(language).territories.get(code.upper(), code) if code else ""


def day(moment) -> str:
    """A date as the documents show it, in the active language."""
    return date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


def document_context(order: Order) -> dict:
    """What every document of the order shows (`checkout/payment/document.html`): seller, customer, styles, and
    the notes its e-invoice carries too (an export's exemption, the seller's legal form, registration and payment
    terms)."""
    party = seller_party()
    notes = [_("Export outside the tax area: VAT not charged")] if is_export(order, party) else []
    return {
        "order": order,
        "seller": seller(),
        "static_url": INVOICE_STATIC_URL,
        "country": _country_name(order.country, order.language),
        "notes": [*notes, *filter(None, [party.legal_form, party.registration, party.payment_terms])],
    }


def document_line(order: Order, *, title, sku, quantity, unit_price, discount, rate, net, tax, gross) -> dict:
    """One row of a document's lines table, its money formatted in the order's language."""

    def money(amount):
        return format_money(amount, order.currency, order.language)

    return {
        "title": title,
        "sku": sku,
        "quantity": quantity,
        "unit_price": money(unit_price),
        "discount": money(discount) if discount else "",
        "rate": format_rate(rate, order.language),
        "net": money(net),
        "tax": money(tax),
        "gross": money(gross),
    }


def breakdown_rows(order: Order, rows) -> list[dict]:
    """The per-rate table: rows of {rate, net, tax, gross} (Decimals), formatted in the order's language."""
    return [
        {
            "rate": format_rate(row["rate"], order.language),
            **{key: format_money(row[key], order.currency, order.language) for key in ("net", "tax", "gross")},
        }
        for row in rows
    ]


def invoice_context(invoice: Invoice) -> dict:
    """Everything the invoice shows, formatted for the order's language (call inside its translation): per line
    its net, rate, tax and gross after its share of the discount, shipping as a line of its own, the breakdown
    per rate, and the order's money summary (`checkout.taxes.summary`) without refunds, which credit notes tell:
    all as frozen on the order when it was placed."""
    order = invoice.order

    def money(amount):
        return format_money(amount, order.currency, order.language)

    lines = [
        document_line(
            order,
            title=line.title,
            sku=line.sku,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount=line.discount,
            rate=line.tax_rate,
            net=line.net,
            tax=line.tax,
            gross=line.gross,
        )
        for line in order.lines.all()
    ]
    if order.shipping_name:
        lines.append(
            document_line(
                order,
                title=_("Shipping: %(name)s") % {"name": order.shipping_name},
                sku="",
                quantity=1,
                unit_price=order.shipping_price,
                discount=0,
                rate=order.shipping_tax_rate,
                net=order.shipping_net,
                tax=order.shipping_tax,
                gross=order.shipping_gross,
            )
        )
    return {
        **document_context(order),
        "invoice": invoice,
        "issued": day(invoice.issued_at),
        "paid": day(order.paid_at),
        "lines": lines,
        "breakdown": breakdown_rows(order, order.tax_rates),
        # The invoice's totals without tax, of tax and with tax (the breakdown's last row).
        "breakdown_total": {
            key: money(amount) for key, amount in (("net", order.net_total), ("tax", order.tax), ("gross", order.total))
        },
        "summary": order_summary(order, refunded=Decimal("0")),
    }


def render_pdf(template: str, context, language: str, *, einvoice=None) -> bytes:
    """The PDF of `template`, rendered in `language` with `context()` (a callable, run in that language): a
    tagged PDF/A-3b with the XML that `einvoice()` builds embedded (`hybrid.write_pdf`). The XML is built first: a
    seller the e-invoice lacks data of (`einvoice.EInvoiceIncomplete`) stops the document before any rendering."""
    from weasyprint import HTML  # loaded on first use, as in `_url_fetcher`

    with translation.override(language):
        xml = einvoice() if einvoice else None
        html = render_to_string(template, context())
    document = HTML(string=html, base_url=INVOICE_BASE_URL, url_fetcher=_url_fetcher())
    return hybrid.write_pdf(document, xml, font_config=_font_config())


def render_invoice_pdf(invoice: Invoice) -> bytes:
    return render_pdf(
        "checkout/payment/invoice.html",
        lambda: invoice_context(invoice),
        invoice.order.language,
        einvoice=lambda: invoice_xml(invoice),
    )


def blocked(order: Order, number: str, error: EInvoiceIncomplete) -> DocumentBlocked:
    """Alert the shop managers (once while the alert is open) that document `number` waits for the shop settings
    the e-invoice requires; the error to raise. Call outside the transaction that rendered (it is rolled back)."""
    open_alert = Alert.objects.filter(order=order, kind=Alert.Kind.EINVOICE_INCOMPLETE, resolved_at__isnull=True)
    if not open_alert.exists():
        raise_alert(
            Alert.Kind.EINVOICE_INCOMPLETE,
            f"{number} of order {order.number} is not issued: the e-invoice needs {error} "
            "(Settings > Shop settings). It is issued on the next try once they are filled.",
            order,
        )
    return DocumentBlocked(f"{number} of order {order.number}: the shop settings lack {error}")


def unblocked(order: Order) -> None:
    """A document of the order was issued: the shop settings are complete, so its e-invoice alert is settled."""
    Alert.objects.filter(order=order, kind=Alert.Kind.EINVOICE_INCOMPLETE, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


def generate_invoice(order: Order, *, regenerate: bool = False) -> Invoice:
    """The order's invoice with its PDF, rendering the PDF if missing (or if asked to); the number stays."""
    invoice = assign_invoice(order)
    try:
        return _with_pdf(invoice, regenerate=regenerate)
    except EInvoiceIncomplete as error:
        raise blocked(order, invoice.display_number, error) from error


def _with_pdf(invoice: Invoice, *, regenerate: bool) -> Invoice:
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("order").get(pk=invoice.pk)
        if invoice.pdf and not regenerate:
            return invoice
        old_name = invoice.pdf.name
        try:
            pdf = render_invoice_pdf(invoice)
            # A random part keeps the file's URL unguessable should the media folder ever be served.
            invoice.pdf.save(f"invoice-{invoice.display_number}-{secrets.token_hex(8)}.pdf", ContentFile(pdf))
            unblocked(invoice.order)
        except EInvoiceIncomplete:
            raise  # told to the shop managers below, once out of the transaction
        except Exception as error:  # WeasyPrint, a font, a template or the storage: one typed, chained error
            raise InvoiceRenderFailed(
                f"Invoice {invoice.display_number} of order {invoice.order.number}: the PDF could not be made"
            ) from error
    if old_name and old_name != invoice.pdf.name:
        invoice.pdf.storage.delete(old_name)
    return invoice


def invoice_pdf(order: Order) -> tuple[Invoice, bytes]:
    """The invoice and its PDF bytes, for the admin and the shopper's download."""
    invoice = generate_invoice(order)
    try:
        with invoice.pdf.open("rb") as file:
            return invoice, file.read()
    except FileNotFoundError:
        invoice = generate_invoice(order, regenerate=True)
        with invoice.pdf.open("rb") as file:
            return invoice, file.read()


def pdf_filename(invoice: Invoice) -> str:
    return f"invoice-{invoice.display_number}.pdf"


# --- Email ------------------------------------------------------------------------------------------


def invoice_email(invoice: Invoice) -> EmailMessage:
    """The email carrying the invoice PDF to the customer, in the order's language, ready to send."""
    order = invoice.order
    with invoice.pdf.open("rb") as file:
        pdf = file.read()
    with translation.override(order.language):
        context = {
            "invoice": invoice,
            "order": order,
            "seller": seller(),
            "total": format_money(order.total, order.currency, order.language),
        }
        message = EmailMessage(
            subject=_("Invoice %(invoice)s for your order %(order)s")
            % {"invoice": invoice.display_number, "order": order.number},
            body=render_to_string("checkout/payment/invoice_email.txt", context),
            to=[order.email],
            headers={"Message-ID": message_id(f"order-{order.number}", "invoice")},
        )
    message.attach(pdf_filename(invoice), pdf, "application/pdf")
    return message


def email_invoice(invoice: Invoice) -> bool:
    """Email the PDF to the customer unless it was emailed already; True if sent now (see `email_once`)."""
    return email_once(Invoice, invoice.pk, invoice_email, lambda current: f"Invoice {current.display_number}")


def email_once(model, pk: int, build, describe) -> bool:
    """Email a document (invoice, credit note) once; True if sent now (`storefront.mail.send_once`: claimed in
    `email_claimed_at`, sent outside any transaction or row lock, recorded in `emailed_at`)."""
    return send_once(
        model.objects.all(),
        pk,
        sent_field="emailed_at",
        claimed_field="email_claimed_at",
        build=build,
        describe=describe,
    )
