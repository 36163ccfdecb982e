"""Shipping zones and methods, edited by shop managers in the Wagtail admin.

A `ShippingMethod` is a wagtail-localize translatable snippet so that translators give its name and description
in every language; its price, thresholds, zone and tax class are `SynchronizedField(overridable=False)`, never a
segment. The shop reads money only from the method of the default locale (the source; `options.source_methods`)
and the text from the shopper's locale, so a translation can never change a price.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from products.models import TaxClass
from storefront.countries import country_names


class ShippingZone(models.Model):
    """A set of countries the shop ships to with the same methods. A country belongs to one zone at most."""

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("For shop managers only."))
    countries = models.JSONField(_("countries"), default=list, help_text=_("ISO 3166 country codes."))

    class Meta:
        verbose_name = _("shipping zone")
        verbose_name_plural = _("shipping zones")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        codes = [str(code).upper() for code in self.countries or []]
        unknown = sorted(set(codes) - set(country_names("en")))
        if unknown:
            raise ValidationError({"countries": _("Unknown country codes: %(codes)s") % {"codes": ", ".join(unknown)}})
        self.countries = sorted(set(codes))
        others = ShippingZone.objects.exclude(pk=self.pk)
        taken = sorted({code for zone in others for code in zone.countries if code in self.countries})
        if taken:
            raise ValidationError({"countries": _("Already in another zone: %(codes)s") % {"codes": ", ".join(taken)}})


class ShippingMethod(TranslatableMixin, models.Model):
    """One way to ship to a zone: a price (in catalog prices, with or without tax as `PRICES_INCLUDE_TAX`),
    free from an order amount, for carts within a weight range, delivered in so many business days."""

    zone = models.ForeignKey(ShippingZone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="methods")
    name = models.CharField(_("name"), max_length=100, help_text=_("Shown to shoppers, translated."))
    description = models.CharField(_("description"), max_length=255, blank=True)
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("In catalog prices."),
    )
    free_from = models.DecimalField(
        _("free from"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Free when the products cost at least this much after the discount. Empty: never free."),
    )
    min_weight = models.PositiveIntegerField(_("from weight (g)"), null=True, blank=True)
    max_weight = models.PositiveIntegerField(
        _("up to weight (g)"), null=True, blank=True, help_text=_("Carts heavier than this cannot use the method.")
    )
    min_days = models.PositiveSmallIntegerField(_("delivery from (business days)"), default=1)
    max_days = models.PositiveSmallIntegerField(_("delivery up to (business days)"), default=5)
    tax_class = models.CharField(_("tax class"), max_length=16, choices=TaxClass.choices, default=TaxClass.STANDARD)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("zone", overridable=False),
        SynchronizedField("price", overridable=False),
        SynchronizedField("free_from", overridable=False),
        SynchronizedField("min_weight", overridable=False),
        SynchronizedField("max_weight", overridable=False),
        SynchronizedField("min_days", overridable=False),
        SynchronizedField("max_days", overridable=False),
        SynchronizedField("tax_class", overridable=False),
        SynchronizedField("active", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("zone"), FieldPanel("active")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("free_from"), FieldPanel("tax_class")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_weight"), FieldPanel("max_weight")]),
                FieldRowPanel([FieldPanel("min_days"), FieldPanel("max_days"), FieldPanel("sort_order")]),
            ],
            heading=_("Weight and delivery"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        ordering = ["sort_order", "price", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="shippingmethod_price_not_negative"),
            models.CheckConstraint(
                condition=Q(min_weight__isnull=True)
                | Q(max_weight__isnull=True)
                | Q(min_weight__lte=models.F("max_weight")),
                name="shippingmethod_weight_range",
            ),
            models.CheckConstraint(condition=Q(min_days__lte=models.F("max_days")), name="shippingmethod_days_range"),
        ]

    def __str__(self):
        return f"{self.name} ({self.zone})"

    def clean(self):
        if self.min_weight is not None and self.max_weight is not None and self.min_weight > self.max_weight:
            raise ValidationError({"max_weight": _("The upper weight must not be below the lower one.")})
        if self.min_days > self.max_days:
            raise ValidationError({"max_days": _("The longest delivery must not be shorter than the shortest.")})
