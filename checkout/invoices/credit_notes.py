"""The credit note of a refund: a number of its own gap-free series, a PDF in the order's language, one email.

A credit note answers one succeeded refund of a paid order's payment (`Refund.objects.credited()`) and refers
to the order's invoice, which is issued first if it was not yet. Numbers are assigned as the invoice's are
(the previous highest plus one, under an advisory lock of this series only), so they never repeat or skip
and regenerating the PDF keeps the number. The PDF has the invoice's look: both extend
`checkout/payment/document.html` and are rendered by `documents.render_pdf`.
"""

import logging
import re
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from checkout.orders.emails import catch_up_window
from checkout.orders.models import Order
from checkout.refunds.models import Refund
from checkout.taxes.summary import order_summary
from storefront.mail import message_id
from storefront.money import format_money

from .credited import credit_note_figures
from .documents import (
    assign_invoice,
    blocked,
    breakdown_rows,
    day,
    document_context,
    document_line,
    email_once,
    lock_numbering,
    render_pdf,
    seller,
    unblocked,
)
from .einvoice import EInvoiceIncomplete, credit_note_xml
from .models import CreditNote

logger = logging.getLogger(__name__)

# Any fixed 64-bit number other than the invoices': the advisory lock that serialises credit note numbering.
NUMBERING_LOCK_KEY = 4_004_202_612
# Up to 9 digits: any number an integer column holds is found, a longer one is not a credit note of ours.
DISPLAY_NUMBER = re.compile(rf"{CreditNote.PREFIX}-\d{{4}}-(\d{{6,9}})")


class CreditNoteNotAvailable(Exception):
    """Only a succeeded refund of a paid order's own payment has a credit note."""


# --- Number -----------------------------------------------------------------------------------------


def assign_credit_note(refund: Refund) -> CreditNote:
    """The refund's credit note, created with the next number if it has none yet. Gap-free and concurrency-safe.

    The refund row is locked from the check to the commit, so a refund that the provider fails meanwhile
    (`checkout.refunds.services.update_refund` saves it under the same lock) gets no number.
    """
    if not Refund.objects.credited().filter(pk=refund.pk).exists():
        raise CreditNoteNotAvailable(f"Refund #{refund.pk} is not a succeeded refund of a paid order")
    invoice = assign_invoice(refund.order)
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if not Refund.objects.credited().filter(pk=refund.pk).exists():
            raise CreditNoteNotAvailable(f"Refund #{refund.pk} is {refund.status}")
        existing = CreditNote.objects.filter(refund=refund).first()
        if existing:
            return existing
        lock_numbering(NUMBERING_LOCK_KEY)
        last = CreditNote.objects.aggregate(last=Max("number"))["last"] or 0
        credit_note = CreditNote.objects.create(refund=refund, invoice=invoice, number=last + 1)
    logger.info("Credit note %s issued for invoice %s", credit_note.display_number, invoice.display_number)
    return credit_note


def credit_note_of(order: Order, display_number: str) -> CreditNote | None:
    """The order's credit note with this display number (e.g. "CN-2026-000001"); None for anything else."""
    match = DISPLAY_NUMBER.fullmatch(display_number)
    if not match:
        return None
    credit_note = (
        CreditNote.objects.select_related("refund__order", "invoice")
        .filter(refund__order=order, number=int(match[1]))
        .first()
    )
    return credit_note if credit_note and credit_note.display_number == display_number else None


# --- PDF --------------------------------------------------------------------------------------------


def credit_note_context(credit_note: CreditNote) -> dict:
    """Everything the credit note shows, formatted for the order's language (call inside its translation): it
    mirrors the invoice, with the lines and breakdown of `credit_note_figures`."""
    refund = credit_note.refund
    order = refund.order
    lines, breakdown = credit_note_figures(credit_note)
    return {
        **document_context(order),
        "credit_note": credit_note,
        "invoice": credit_note.invoice,
        "issued": day(credit_note.issued_at),
        "refunded": day(refund.created_at),
        "lines": [
            _taxed_row(order, line.title, line.sku, line.quantity, line.unit_price, line.taxed) for line in lines
        ],
        "breakdown": breakdown_rows(order, breakdown),
        "tax_total": format_money(sum((row["tax"] for row in breakdown), Decimal("0")), order.currency, order.language),
        "total": format_money(refund.amount, order.currency, order.language),
        "summary": order_summary(order, refunded=_refunded_through(refund)),
    }


def _refunded_through(refund: Refund) -> Decimal:
    """What the order's credited refunds gave back up to and including `refund`: the credit note's summary says
    where the order stood then, whatever is refunded later."""
    earlier = Refund.objects.credited().filter(order=refund.order_id, pk__lte=refund.pk)
    return sum((amount for amount in earlier.values_list("amount", flat=True)), Decimal("0"))


def _taxed_row(order, title, sku, quantity, unit_price, taxed) -> dict:
    return document_line(
        order,
        title=title,
        sku=sku,
        quantity=quantity,
        unit_price=unit_price,
        discount=0,
        rate=taxed.rate,
        net=taxed.net,
        tax=taxed.tax,
        gross=taxed.gross,
    )


def generate_credit_note(refund: Refund, *, regenerate: bool = False) -> CreditNote:
    """The refund's credit note with its PDF, rendering the PDF if missing (or if asked to); the number stays."""
    return _with_pdf(assign_credit_note(refund), regenerate=regenerate)


def _with_pdf(credit_note: CreditNote, *, regenerate: bool = False) -> CreditNote:
    """The credit note with its PDF (`_render`); `DocumentBlocked` (shop managers alerted) while the shop settings
    lack what its e-invoice requires."""
    try:
        return _render(credit_note, regenerate=regenerate)
    except EInvoiceIncomplete as error:
        raise blocked(credit_note.refund.order, credit_note.display_number, error) from error


def _render(credit_note: CreditNote, *, regenerate: bool) -> CreditNote:
    with transaction.atomic():
        credit_note = (
            CreditNote.objects.select_for_update().select_related("refund__order", "invoice").get(pk=credit_note.pk)
        )
        if credit_note.pdf and not regenerate:
            return credit_note
        old_name = credit_note.pdf.name
        pdf = render_pdf(
            "checkout/payment/credit_note.html",
            lambda: credit_note_context(credit_note),
            credit_note.refund.order.language,
            einvoice=lambda: credit_note_xml(credit_note),
        )
        # A random part keeps the file's URL unguessable should the media folder ever be served.
        credit_note.pdf.save(f"credit-note-{credit_note.display_number}-{secrets.token_hex(8)}.pdf", ContentFile(pdf))
        unblocked(credit_note.refund.order)
    if old_name and old_name != credit_note.pdf.name:
        credit_note.pdf.storage.delete(old_name)
    return credit_note


def credit_note_pdf(credit_note: CreditNote) -> bytes:
    """The PDF bytes of an issued credit note, for the admin and the shopper's download (rendered if missing).
    A credit note once issued stays a document of the shop, whatever becomes of its refund later."""
    credit_note = _with_pdf(credit_note)
    try:
        with credit_note.pdf.open("rb") as file:
            return file.read()
    except FileNotFoundError:
        credit_note = _with_pdf(credit_note, regenerate=True)
        with credit_note.pdf.open("rb") as file:
            return file.read()


def pdf_filename(credit_note: CreditNote) -> str:
    return f"credit-note-{credit_note.display_number}.pdf"


# --- Email ------------------------------------------------------------------------------------------


def credit_note_email(credit_note: CreditNote) -> EmailMessage:
    """The email carrying the credit note PDF to the customer, in the order's language, ready to send."""
    order = credit_note.refund.order
    with credit_note.pdf.open("rb") as file:
        pdf = file.read()
    with translation.override(order.language):
        context = {
            "credit_note": credit_note,
            "invoice": credit_note.invoice,
            "order": order,
            "seller": seller(),
            "total": format_money(credit_note.refund.amount, order.currency, order.language),
        }
        message = EmailMessage(
            subject=_("Credit note %(credit_note)s for your order %(order)s")
            % {"credit_note": credit_note.display_number, "order": order.number},
            body=render_to_string("checkout/payment/credit_note_email.txt", context),
            to=[order.email],
            headers={"Message-ID": message_id(f"order-{order.number}", f"credit-note-{credit_note.display_number}")},
        )
    message.attach(pdf_filename(credit_note), pdf, "application/pdf")
    return message


def email_credit_note(credit_note: CreditNote) -> bool:
    """Email the PDF to the customer unless it was emailed already; True if sent now (as `email_invoice`)."""
    return email_once(
        CreditNote, credit_note.pk, credit_note_email, lambda current: f"Credit note {current.display_number}"
    )


def refunds_missing_credit_note_email(now=None):
    """Credited refunds whose credit note was never issued or never emailed (for `checkout.tasks.catch_up_emails`);
    a refund's `updated_at` is when it last changed status, so when it became due."""
    oldest, newest = catch_up_window(now or timezone.now(), timedelta(days=settings.EMAIL_CATCH_UP_DAYS))
    return (
        Refund.objects.credited()
        .filter(updated_at__range=(oldest, newest))
        .filter(Q(credit_note__isnull=True) | Q(credit_note__emailed_at__isnull=True))
    )
