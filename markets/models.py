"""Markets, exchange rates and explicit prices per market, edited by shop managers under Shop.

A `Market` is a wagtail-localize translatable snippet so that translators give its name in every language; every
other field is a `SynchronizedField(overridable=False)`, never a segment. Only the markets of the default locale
(the sources, `Market.objects.sources()`) count for countries, currency and prices; a translation only lends its
name to the pages of its language (`market.localized.name`).
"""

from decimal import Decimal

from babel.numbers import list_currencies
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from storefront.countries import country_names
from storefront.money import exponent

# Prices are stored with two decimals: a currency with more minor units (KWD, BHD: three) cannot be a market's yet.
MAX_EXPONENT = 2


def base_currency() -> str:
    """The currency of the catalog's own prices (`settings.BASE_CURRENCY`), upper case as ISO 4217 spells it."""
    return settings.BASE_CURRENCY.upper()


def validate_currency(code: str) -> None:
    """An ISO 4217 code Babel (CLDR) knows (any case: `clean` writes it in upper case), with at most two decimals."""
    code = (code or "").strip().upper()
    if code not in list_currencies():
        raise ValidationError(_("Unknown currency code: %(code)s"), params={"code": code}, code="unknown_currency")
    if exponent(code) > MAX_EXPONENT:
        raise ValidationError(
            _("Currencies with more than two decimals are not supported: %(code)s"),
            params={"code": code},
            code="unsupported_currency",
        )


class PricingRule(models.TextChoices):
    """Where a market's prices come from."""

    EXPLICIT = "explicit", _("Explicit prices only")
    CONVERTED = "converted", _("Converted from the base currency")


class RoundingRule(models.TextChoices):
    """How a converted price is rounded (`markets.pricing.round_price` says exactly how)."""

    NONE = "none", _("To the smallest unit")
    ENDING_99 = "99", _("Up to .99")
    ENDING_95 = "95", _("Up to .95")
    ENDING_00 = "00", _("Up to .00")
    WHOLE = "whole", _("To the nearest whole unit")


class MarketQuerySet(models.QuerySet):
    def sources(self):
        """The markets of the default locale: the only ones whose countries, currency and prices count."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class Market(TranslatableMixin, models.Model):
    """Where shoppers buy: a set of countries (a country is in one market at most), a currency, a default language,
    whether prices include tax, a pricing rule and a rounding rule. Exactly one market is the default (per locale:
    a translation copies the flag); a shopper no other market claims is in it."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Shown to shoppers, translated."))
    code = models.SlugField(
        _("code"), max_length=20, help_text=_("Short and stable: it is remembered in the shopper's browser.")
    )
    countries = models.JSONField(_("countries"), default=list, blank=True, help_text=_("ISO 3166 country codes."))
    currency = models.CharField(
        _("currency"), max_length=3, validators=[validate_currency], help_text=_("ISO 4217 code, such as EUR.")
    )
    default_language = models.CharField(_("default language"), max_length=10, choices=settings.LANGUAGES)
    prices_include_tax = models.BooleanField(_("prices include tax"), default=True)
    pricing = models.CharField(_("pricing"), max_length=16, choices=PricingRule.choices, default=PricingRule.CONVERTED)
    rounding = models.CharField(_("rounding"), max_length=8, choices=RoundingRule.choices, default=RoundingRule.NONE)
    is_default = models.BooleanField(_("default market"), default=False)

    objects = MarketQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code", overridable=False),
        SynchronizedField("countries", overridable=False),
        SynchronizedField("currency", overridable=False),
        SynchronizedField("default_language", overridable=False),
        SynchronizedField("prices_include_tax", overridable=False),
        SynchronizedField("pricing", overridable=False),
        SynchronizedField("rounding", overridable=False),
        SynchronizedField("is_default", overridable=False),
    ]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code"), FieldPanel("is_default")]),
        FieldPanel("countries"),
        FieldRowPanel([FieldPanel("currency"), FieldPanel("default_language"), FieldPanel("prices_include_tax")]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("pricing"), FieldPanel("rounding")])], heading=_("Prices")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale"], condition=Q(is_default=True), name="market_one_default_per_locale"
            ),
            models.UniqueConstraint(fields=["locale", "code"], name="market_code_unique_per_locale"),
        ]

    def __str__(self):
        return f"{self.name} ({self.currency})"

    @property
    def whole_units(self) -> bool:
        """Whether the market's prices are whole units (rounded so, or a currency without minor units)."""
        return self.rounding == RoundingRule.WHOLE or exponent(self.currency) == 0

    def clean(self):
        errors = {}
        self.currency = (self.currency or "").strip().upper()
        codes = sorted({str(code).strip().upper() for code in self.countries or []})
        unknown = [code for code in codes if code not in country_names("en")]
        if unknown:
            errors["countries"] = _("Unknown country codes: %(codes)s") % {"codes": ", ".join(unknown)}
        self.countries = codes
        # Translations of this market share its countries and its flag: only other markets' sources compete.
        others = Market.objects.sources().exclude(translation_key=self.translation_key)
        taken = sorted({code for market in others for code in market.countries if code in codes})
        if taken and "countries" not in errors:
            errors["countries"] = _("Already in another market: %(codes)s") % {"codes": ", ".join(taken)}
        if self.is_default and others.filter(is_default=True).exists():
            errors["is_default"] = _("Another market is the default one; untick it there first.")
        if errors:
            raise ValidationError(errors)


class ExchangeRateSource(models.TextChoices):
    ECB = "ecb", _("European Central Bank")
    MANUAL = "manual", _("Manual override")


class ExchangeRateQuerySet(models.QuerySet):
    def latest_for(self, currency: str):
        """The most recent rate of `currency` by date, or None. A manual override holds for its date: the next
        day's fetched rate takes over (pin a price with an explicit `VariantPrice` instead)."""
        return self.filter(currency=currency.upper()).order_by("-date").first()


class ExchangeRate(models.Model):
    """How many units of `currency` one unit of the base currency buys on `date`. One rate per currency and date;
    a rate a shop manager set (source "manual", with who set it) is never replaced by a later fetch of that date."""

    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    rate = models.DecimalField(
        _("rate"),
        max_digits=20,
        decimal_places=10,
        validators=[MinValueValidator(Decimal("0.0000000001"))],
        help_text=_("Units of this currency for one unit of the base currency."),
    )
    date = models.DateField(_("date"))
    source = models.CharField(
        _("source"), max_length=8, choices=ExchangeRateSource.choices, default=ExchangeRateSource.MANUAL
    )
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-date", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="exchangerate_one_per_currency_and_date"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchangerate_rate_positive"),
        ]

    def __str__(self):
        return f"{self.currency} {self.rate} ({self.date})"

    def clean(self):
        self.currency = (self.currency or "").strip().upper()


def source_locale_only():
    """The markets a price may hang on: those of the default locale (their translations share their prices)."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class VariantPrice(models.Model):
    """A variant's own price in one market, in the market's currency; it overrides the converted price. The sale
    price, when set, is in force and shown with the price struck through (clear it to end the sale)."""

    market = models.ForeignKey(
        Market,
        verbose_name=_("market"),
        on_delete=models.CASCADE,
        related_name="prices",
        limit_choices_to=source_locale_only,
    )
    variant = models.ForeignKey(
        "products.ProductVariant", verbose_name=_("variant"), on_delete=models.CASCADE, related_name="market_prices"
    )
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    sale_price = models.DecimalField(
        _("sale price"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Charged instead of the price while set, with the price shown struck through."),
    )

    class Meta:
        verbose_name = _("price in a market")
        verbose_name_plural = _("prices in markets")
        ordering = ["market", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["market", "variant"], name="variantprice_one_per_market_and_variant"),
            models.CheckConstraint(condition=Q(price__gte=0), name="variantprice_price_not_negative"),
            models.CheckConstraint(
                condition=Q(sale_price__isnull=True) | Q(sale_price__gte=0, sale_price__lt=models.F("price")),
                name="variantprice_sale_below_price",
            ),
        ]

    def __str__(self):
        return f"{self.variant} — {self.market}: {self.price}"

    def clean(self):
        errors = {}
        market = self.market if self.market_id else None
        if market is not None and market.locale.language_code != settings.LANGUAGE_CODE:
            errors["market"] = _("Choose the market in the default language; its translations share its prices.")
        if market is not None:
            # A market of whole prices charges whole units (its shoppers pay "1 235 ₽"), explicit prices too.
            places = 0 if market.whole_units else exponent(market.currency)
            for field in ("price", "sale_price"):
                value = getattr(self, field)
                if value is not None and value != round(value, places):
                    errors[field] = _("Too many decimals for %(currency)s.") % {"currency": market.currency}
        if self.sale_price is not None and self.price is not None and self.sale_price >= self.price:
            errors.setdefault("sale_price", _("The sale price must be lower than the price."))
        if errors:
            raise ValidationError(errors)
