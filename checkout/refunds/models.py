"""A refund and its lines. Amounts are Decimal in the order's currency; a refund is never larger than what is
left of the payment it refunds (checked under the order's row lock, and by the order's CHECK constraint)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkout.orders.models import Order, OrderLine


class RefundQuerySet(models.QuerySet):
    def credited(self):
        """Refunds answered by a credit note: those of a paid order's own payment (a shop manager's, or one made
        in the provider's dashboard) once they succeeded. A make-good refund gives back a payment that never paid the
        order, so it has none."""
        return self.filter(
            kind__in=Refund.CREDITED_KINDS, status=Refund.Status.SUCCEEDED, order__status__in=Order.PAID_STATUSES
        )

    def not_applied(self):
        """Payments the order could not take (it was cancelled or expired meanwhile, already paid, ...), given back
        in full automatically: on their way or done, oldest first."""
        return self.filter(kind=Refund.Kind.AUTOMATIC, status__in=Refund.COUNTED).order_by("created_at", "pk")


class Refund(models.Model):
    """Money given back from one payment of an order: who asked, how much, for which lines, and what the payment's
    provider answered."""

    class Kind(models.TextChoices):
        MANUAL = "manual", _("By a shop manager")
        AUTOMATIC = "automatic", _("Automatic (payment not applied)")
        EXTERNAL = "external", _("Made in the payment provider's dashboard")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELED = "canceled", _("Canceled")

    # Statuses whose amount counts as given back (a pending refund is on its way; a failed one is not).
    COUNTED = {Status.PENDING, Status.SUCCEEDED}
    # Kinds that refund the order's own payment, and so get a credit note once they succeed (`credited()`).
    CREDITED_KINDS = frozenset({Kind.MANUAL, Kind.EXTERNAL})

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="refunds")
    # The attempt whose money this gives back. Named by label: payments (a higher layer) settle payments by
    # making refunds, so this package never imports them; it reaches the payment's provider through the row.
    payment = models.ForeignKey(
        "checkout.Payment",
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MANUAL)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    reason = models.TextField(_("reason"), blank=True)
    payment_intent_id = models.CharField(_("provider's payment refunded"), max_length=255, blank=True)
    provider_refund_id = models.CharField(_("provider's refund"), max_length=255, unique=True, null=True, blank=True)
    request_key = models.CharField(
        _("request key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Sent with the refund form, so that a double submit makes one refund."),
    )
    restocked = models.BooleanField(_("stock returned"), default=False)
    failure_message = models.TextField(_("failure"), blank=True)
    emailed_at = models.DateTimeField(_("customer emailed"), null=True, blank=True)
    # When a task started emailing the customer (`storefront.mail.send_once`), so that no other task emails too.
    email_claimed_at = models.DateTimeField(_("email claimed"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RefundQuerySet.as_manager()

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            # A payment that could not be applied is given back once, whoever notices it first.
            models.UniqueConstraint(
                fields=["payment_intent_id"],
                condition=Q(kind="automatic"),
                name="refund_one_make_good_per_payment",
            ),
        ]

    def __str__(self):
        return f"{self.order.number}: −{self.amount} {self.currency}"

    @property
    def counts(self) -> bool:
        return self.status in self.COUNTED


class RefundLine(models.Model):
    """Units of one order line given back by a refund, and whether they went back to stock."""

    refund = models.ForeignKey(Refund, verbose_name=_("refund"), on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, verbose_name=_("order line"), on_delete=models.PROTECT, related_name="refund_lines"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    restock = models.BooleanField(_("return to stock"), default=False)

    class Meta:
        verbose_name = _("refund line")
        verbose_name_plural = _("refund lines")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=1), name="refundline_quantity_positive")]

    def __str__(self):
        return f"{self.quantity} × {self.order_line.sku}"
