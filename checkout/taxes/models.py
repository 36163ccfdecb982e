"""Tax rates per destination country and tax class, edited by shop managers in the Wagtail admin."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from products.models import TaxClass
from storefront.countries import country_names


class TaxRate(models.Model):
    """The percentage a destination country charges on a tax class. A country with no rate for a class charges
    none (0 %), as for exports outside the seller's tax area; a rate change never alters an order placed before."""

    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 country code, e.g. ES."))
    tax_class = models.CharField(_("tax class"), max_length=16, choices=TaxClass.choices)
    rate = models.DecimalField(
        _("rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("tax rate")
        verbose_name_plural = _("tax rates")
        ordering = ["country", "tax_class"]
        constraints = [
            models.UniqueConstraint(fields=["country", "tax_class"], name="taxrate_one_per_country_and_class"),
            models.CheckConstraint(condition=Q(rate__gte=0, rate__lte=100), name="taxrate_within_0_100"),
        ]

    def __str__(self):
        return f"{self.country} {self.get_tax_class_display()}: {self.rate} %"

    def clean(self):
        self.country = (self.country or "").upper()
        if self.country not in country_names("en"):
            raise ValidationError({"country": _("Unknown country code.")})
