"""The commercial truth: one `Product` per thing sold (code, base price, sale price and window, for sale, weight,
tax class), with its variants (`products.variants`: SKU, stock, optional price and weight). None has a locale or
is translatable; the sale rule is written once here, in Python and as a database expression."""

from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import Locale

from ..signals import products_changed
from ..variants import ProductVariant

SALE_FIELDS = frozenset({"sale_price", "sale_starts_at", "sale_ends_at"})
COMMERCIAL_FIELDS = frozenset({"price", "for_sale"}) | SALE_FIELDS


def on_sale_condition(prefix="", moment=None) -> Q:
    """The database's "on sale at `moment`" (default now), for the product at `prefix` ("product__" from a page).
    The same rule as `Product.on_sale_at`."""
    moment = moment or timezone.now()
    return (
        Q(**{f"{prefix}sale_price__isnull": False, f"{prefix}sale_price__lt": F(f"{prefix}price")})
        & (Q(**{f"{prefix}sale_starts_at__isnull": True}) | Q(**{f"{prefix}sale_starts_at__lte": moment}))
        & (Q(**{f"{prefix}sale_ends_at__isnull": True}) | Q(**{f"{prefix}sale_ends_at__gt": moment}))
    )


def price_in_force_expression(prefix="", moment=None):
    """The price in force as a database expression, to sort by what shoppers pay (`Product.price_at`)."""
    return Case(
        When(on_sale_condition(prefix, moment), then=F(f"{prefix}sale_price")),
        default=F(f"{prefix}price"),
        output_field=models.DecimalField(max_digits=10, decimal_places=2),
    )


class TaxClass(models.TextChoices):
    """How a thing is taxed, whatever the country: each country's rate per class is `checkout.taxes.models.TaxRate`.
    Products and shipping methods each name one."""

    STANDARD = "standard", _("Standard rate")
    REDUCED = "reduced", _("Reduced rate")
    ZERO = "zero", _("Zero rate")


class ProductQuerySet(models.QuerySet):
    def without_page_in(self, language_code, *, translated=False):
        """Products with no page in the language; with `translated`, an alias (an untranslated copy) is no page."""
        # By name: the page model (`product_page`) is built on top of this module.
        pages = apps.get_model("products", "ProductPage").objects.filter(locale__language_code=language_code)
        if translated:
            pages = pages.filter(alias_of__isnull=True)
        return self.exclude(pk__in=pages.values("product_id"))

    def update(self, **kwargs):
        """Django's `update()`, announcing the products whose commercial fields it changed (`products_changed`)."""
        if not COMMERCIAL_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        rows = super().update(**kwargs)
        if pks:
            products_changed.send(sender=Product, pks=pks)
        return rows


class Product(ClusterableModel):
    """What is sold, whatever the language: its code, base price and "for sale", and one or more variants.

    Stock lives only on the variants (`ProductVariant`), which are what carts, orders and refunds count; the
    product's price is what a variant without its own price costs. Price ≥ 0 is a constraint."""

    sku = models.CharField(
        _("product code"),
        max_length=64,
        unique=True,
        help_text=_("Unique in the shop. A product with one variant usually shares it with its variant's SKU."),
    )
    name = models.CharField(
        _("internal name"), max_length=255, help_text=_("For shop managers; shoppers see the page title.")
    )
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The price of every variant without a price of its own."),
    )
    for_sale = models.BooleanField(_("for sale"), default=True, help_text=_("Untick to stop selling it everywhere."))
    weight = models.PositiveIntegerField(
        _("weight (g)"), default=0, help_text=_("Shipping weight of one unit in grams, packaging included.")
    )
    tax_class = models.CharField(
        _("tax class"),
        max_length=16,
        choices=TaxClass.choices,
        default=TaxClass.STANDARD,
        help_text=_("Which of the destination country's tax rates applies (Shop → Tax rates)."),
    )
    sale_price = models.DecimalField(
        _("sale price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Charged instead of the price during the sale, with the price shown struck through."),
    )
    sale_starts_at = models.DateTimeField(
        _("sale starts"), null=True, blank=True, help_text=_("Leave empty for a sale that is on from now.")
    )
    sale_ends_at = models.DateTimeField(
        _("sale ends"), null=True, blank=True, help_text=_("Leave empty for a sale without an end.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sku"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative"),
            models.CheckConstraint(
                condition=Q(sale_price__isnull=True) | Q(sale_price__gte=0), name="product_sale_price_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.sku} — {self.name}"

    def clean(self):
        super().clean()
        errors = {}
        if self.sale_price is not None and self.price is not None and self.sale_price >= self.price:
            errors["sale_price"] = _("The sale price must be lower than the price.")
        if (self.sale_starts_at or self.sale_ends_at) and self.sale_price is None:
            errors["sale_price"] = _("Enter the sale price of this sale window.")
        if self.sale_starts_at and self.sale_ends_at and self.sale_ends_at <= self.sale_starts_at:
            errors["sale_ends_at"] = _("The sale must end after it starts.")
        if errors:
            raise ValidationError(errors)

    # --- The price in force: the one rule for pages, cart, order, Stripe and invoice ---------------------------
    def on_sale_at(self, moment=None) -> bool:
        """Whether the sale price is in force at `moment` (default now): set, lower than the price, in its window."""
        moment = moment or timezone.now()
        return (
            self.sale_price is not None
            and self.sale_price < self.price
            and (self.sale_starts_at is None or self.sale_starts_at <= moment)
            and (self.sale_ends_at is None or moment < self.sale_ends_at)
        )

    def price_at(self, moment=None) -> Decimal:
        """What a shopper pays for one unit at `moment` (default now): the sale price in its window, else the price."""
        return self.sale_price if self.on_sale_at(moment) else self.price

    @cached_property
    def current_price(self) -> Decimal:
        """The price in force now (kept for the rest of this object's life: one request, one order)."""
        return self.price_at()

    @property
    def regular_price(self) -> Decimal:
        """The price struck through during a sale (as `ProductVariant.regular_price`)."""
        return self.price

    @property
    def on_sale(self) -> bool:
        return self.current_price != self.price

    @property
    def saving(self) -> Decimal:
        """How much less than the price a shopper pays now (0 when not on sale)."""
        return self.price - self.current_price

    def price_valid_until(self, moment=None):
        """When the price in force at `moment` next changes by the calendar (a sale's start or end), or None."""
        moment = moment or timezone.now()
        if self.sale_price is None or self.sale_price >= self.price:
            return None
        if self.sale_starts_at and moment < self.sale_starts_at:
            return self.sale_starts_at
        if self.sale_ends_at and moment < self.sale_ends_at:
            return self.sale_ends_at
        return None

    def add_default_variant(self, stock: int = 0) -> ProductVariant:
        """Create the one variant of a product without options: the product's SKU, `stock` units, its price."""
        return ProductVariant.objects.create(product=self, sku=self.sku, stock=stock)

    @property
    def variant_list(self) -> list[ProductVariant]:
        """The variants in their admin order (the prefetched ones when `variants` was prefetched)."""
        return list(self.variants.all())

    @property
    def has_options(self) -> bool:
        return len(self.variant_list) > 1

    @property
    def stock(self) -> int:
        """Units in stock over the variants for sale (read-only: stock is changed on a variant)."""
        return sum(variant.stock for variant in self.variant_list if variant.for_sale)

    @property
    def shipping_weight(self) -> int:
        """Grams one unit weighs for shipping (what a variant without a weight of its own weighs)."""
        return self.weight

    def page_for_locale(self, locale=None):
        """The live page shoppers see for this product in `locale` (default: the active one), or None."""
        locale = locale or Locale.get_active()
        return self.pages.live().filter(locale=locale).first()
