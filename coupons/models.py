"""Discount codes and their uses. The rules live in `coupons.services`; here are the facts they check."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from markets.models import validate_currency

# What a code may be once stripped and upper-cased; shopper input outside it is refused before any query.
CODE_PATTERN = re.compile(r"[A-Z0-9_-]{1,50}")


def default_currency() -> str:
    """A new coupon's amounts are in the base currency unless a shop manager picks another."""
    return settings.BASE_CURRENCY.upper()


class Coupon(models.Model):
    """A code worth a percentage or a fixed amount off, within dates and limits.

    Its amounts (a fixed value, the minimum order amount) are in `currency`. A percentage coupon applies in every
    market, its minimum converted at the latest rates; a fixed-amount coupon applies only to orders in its own
    currency (`coupons.services.find_valid` says so to the shopper)."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percentage")
        FIXED = "fixed", _("Fixed amount")

    code = models.CharField(_("code"), max_length=50, help_text=_("Shoppers type it; letter case does not matter."))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.PERCENT)
    value = models.DecimalField(
        _("value"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Percentage (1–100) or amount in the coupon's currency."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default=default_currency,
        validators=[validate_currency],
        help_text=_(
            "ISO 4217 code of the fixed amount and the minimum order amount. A fixed-amount coupon is valid only "
            "for orders in this currency; a percentage coupon is valid in every market."
        ),
    )
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    active = models.BooleanField(_("active"), default=True)
    max_uses = models.PositiveIntegerField(_("limit of uses"), null=True, blank=True)
    max_uses_per_email = models.PositiveIntegerField(_("limit of uses per email"), null=True, blank=True)
    minimum_amount = models.DecimalField(
        _("minimum order amount"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    uses = models.PositiveIntegerField(_("uses"), default=0, editable=False)
    # Shopper-facing text per language code ({"en": ..., "es": ..., "ru": ...}). Not a translatable snippet:
    # the code, value and limits are one commercial record for every language; only this text differs.
    descriptions = models.JSONField(
        _("descriptions"),
        default=dict,
        blank=True,
        help_text=_("What shoppers read about the code, per language; English is used where one is missing."),
    )

    class Meta:
        verbose_name = _("coupon")
        verbose_name_plural = _("coupons")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(Upper("code"), name="coupon_code_unique_ci"),
            models.CheckConstraint(condition=Q(value__gte=0), name="coupon_value_not_negative"),
            models.CheckConstraint(
                condition=~Q(kind="percent") | Q(value__gte=1, value__lte=100), name="coupon_percent_1_to_100"
            ),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = (self.code or "").strip().upper()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.code = (self.code or "").strip().upper()
        errors = {}
        if not CODE_PATTERN.fullmatch(self.code):
            errors["code"] = _("Use 1 to 50 letters A–Z, digits, hyphens or underscores.")
        if self.kind == self.Kind.PERCENT and self.value is not None and not (1 <= self.value <= 100):
            errors["value"] = _("A percentage must be between 1 and 100.")
        self.currency = (self.currency or "").strip().upper()
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            errors["valid_until"] = _("The end of validity must come after its start.")
        if errors:
            raise ValidationError(errors)

    def description_for(self, language: str) -> str:
        """The description in `language`, else in the default language, else empty."""
        descriptions = self.descriptions or {}
        return descriptions.get(language) or descriptions.get(settings.LANGUAGE_CODE) or ""


class Redemption(models.Model):
    """One use of a coupon by one paid order (unique per order)."""

    coupon = models.ForeignKey(Coupon, verbose_name=_("coupon"), on_delete=models.PROTECT, related_name="redemptions")
    order = models.OneToOneField(
        "checkout.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="redemption"
    )
    email = models.EmailField(_("email"))
    amount = models.DecimalField(_("discount"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["coupon", "email"])]

    def __str__(self):
        return f"{self.coupon.code} → {self.order.number}"
