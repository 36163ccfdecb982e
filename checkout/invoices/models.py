"""Invoices: one per paid order, with a gap-free number and its PDF."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkout.orders.models import Order


class Invoice(models.Model):
    """The invoice of a paid order: a gap-free number assigned once, and its PDF."""

    order = models.OneToOneField(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoice")
    number = models.PositiveIntegerField(_("number"), unique=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    pdf = models.FileField(_("PDF"), upload_to="invoices/%Y/", blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    # When a task started emailing it (`storefront.mail.claim`), so that no other task emails it meanwhile.
    email_claimed_at = models.DateTimeField(_("email claimed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-number"]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{self.issued_at:%Y}-{self.number:06d}"
