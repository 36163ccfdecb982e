"""Invoices and credit notes: one invoice per paid order, one credit note per refund of it, each series with
gap-free numbers and a PDF."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkout.orders.models import Order
from checkout.refunds.models import Refund
from storefront.storage import private_documents


class NumberedDocument(models.Model):
    """What the invoice and the credit note share: a number of the document's own gap-free series (assigned once,
    by `checkout.invoices.documents` / `credit_notes`), the day it was issued, its PDF and when it was emailed."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    # In the private storage: handed out only by the shop, never at a public address (`storefront.storage`).
    pdf = models.FileField(_("PDF"), upload_to="invoices/%Y/", storage=private_documents, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    # When a task started emailing it (`storefront.mail.claim`), so that no other task emails it meanwhile.
    email_claimed_at = models.DateTimeField(_("email claimed"), null=True, blank=True, editable=False)

    # What `display_number` puts before the year and the number ("" for invoices: 2026-000001).
    PREFIX = ""

    class Meta:
        abstract = True
        ordering = ["-number"]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        """E.g. 2026-000001 (an invoice), CN-2026-000001 (a credit note): the prefix keeps the series apart."""
        return f"{self.PREFIX}{'-' if self.PREFIX else ''}{self.issued_at:%Y}-{self.number:06d}"


class Invoice(NumberedDocument):
    """The invoice of a paid order: a gap-free number assigned once, and its PDF."""

    order = models.OneToOneField(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoice")

    class Meta(NumberedDocument.Meta):
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")


class CreditNote(NumberedDocument):
    """The credit note answering one succeeded refund of a paid order (`Refund.objects.credited()`): it refers to
    the order's invoice, and has a gap-free number series of its own."""

    PREFIX = "CN"

    refund = models.OneToOneField(
        Refund, verbose_name=_("refund"), on_delete=models.PROTECT, related_name="credit_note"
    )
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="credit_notes"
    )

    class Meta(NumberedDocument.Meta):
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
