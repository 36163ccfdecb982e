"""Variants: what a shopper actually picks and a warehouse actually counts ("T-shirt — Red / M").

A `Product` (the commercial record every locale shares) has one or more `ProductVariant`s. Each variant has its
own SKU (unique), stock (the only stock in the shop, CHECK ≥ 0), "for sale" flag, optional price (else the
product's), optional weight in grams and optional image. Option types (Size, Colour) and their values (S, M,
Red) are translatable snippets defined once: a variant points at the default language's values, and its label is
shown through their translations, so a translator translates "Red" and never meets a price or a stock.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin

from .signals import products_changed

# Between a product's title and its variant's label wherever one line names both: "T-shirt — Red / M".
TITLE_SEPARATOR = " — "
LABEL_SEPARATOR = " / "
VARIANT_COMMERCIAL_FIELDS = frozenset({"price", "stock", "for_sale"})


def variant_title(title: str, label: str) -> str:
    """The one way a variant is named to people: "T-shirt — Red / M", or just "T-shirt" for a single variant."""
    return f"{title}{TITLE_SEPARATOR}{label}" if label else title


class OptionType(TranslatableMixin, ClusterableModel):
    """A kind of choice (Size, Colour) with its values, edited together and translated together."""

    name = models.CharField(_("name"), max_length=64, help_text=_("What shoppers choose, such as Size or Colour."))

    panels = [FieldPanel("name"), InlinePanel("values", label=_("Values"), min_num=1)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("option type")
        verbose_name_plural = _("option types")
        ordering = ["pk"]

    def __str__(self):
        return self.name


def _default_locale_only():
    return {"locale__language_code": settings.LANGUAGE_CODE}


class OptionValue(TranslatableMixin, Orderable):
    """One value of an option type ("Red"), translated with its type; variants point at the default language's."""

    option_type = ParentalKey(
        OptionType, verbose_name=_("option type"), related_name="values", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=64)

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("option value")
        verbose_name_plural = _("option values")

    def __str__(self):
        return f"{self.option_type.name}: {self.name}"


class ProductVariantQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """Django's `update()`, announcing the products whose variants' price, stock or "for sale" it changed."""
        if not VARIANT_COMMERCIAL_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        product_pks = list(self.values_list("product_id", flat=True).distinct())
        rows = super().update(**kwargs)
        if product_pks:
            products_changed.send(sender=ProductVariant, pks=product_pks)
        return rows


class ProductVariant(Orderable, ClusterableModel):
    """One thing a shopper can put in the cart: SKU (unique), stock (CHECK ≥ 0), optional price, weight, image.

    No two variants of a product have the same option values (checked by the product's admin form: a
    many-to-many combination cannot be a database constraint)."""

    product = ParentalKey(
        "products.Product", verbose_name=_("product"), related_name="variants", on_delete=models.CASCADE
    )
    sku = models.CharField(_("SKU"), max_length=64, unique=True, help_text=_("Stock keeping unit, unique in the shop."))
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty to sell at the product's price."),
    )
    stock = models.IntegerField(
        _("stock"), default=0, validators=[MinValueValidator(0)], help_text=_("Units available to sell.")
    )
    for_sale = models.BooleanField(_("for sale"), default=True)
    weight = models.PositiveIntegerField(
        _("weight (g)"), null=True, blank=True, help_text=_("Leave empty to use the product's weight.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the product page when a shopper picks this variant."),
    )
    option_values = ParentalManyToManyField(
        OptionValue,
        verbose_name=_("options"),
        related_name="variants",
        blank=True,
        limit_choices_to=_default_locale_only,
    )

    objects = ProductVariantQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("sku"), FieldPanel("price"), FieldPanel("stock"), FieldPanel("for_sale")]),
        MultiFieldPanel(
            [FieldPanel("option_values"), FieldRowPanel([FieldPanel("weight"), FieldPanel("image")])],
            _("Options"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="variant_stock_not_negative"),
            models.CheckConstraint(
                condition=Q(price__gte=0) | Q(price__isnull=True), name="variant_price_not_negative"
            ),
        ]

    def __str__(self):
        return self.sku

    @property
    def unit_price(self) -> Decimal:
        """What one unit costs now: the variant's own price when it has one, else the product's price in force
        (`Product.current_price`: the product's sale price during its sale). A product's sale applies to its base
        price, so to the variants without a price of their own, never to a variant's own price."""
        return self.price if self.price is not None else self.product.current_price

    @property
    def regular_price(self) -> Decimal:
        """The price struck through during a sale: the variant's own price, else the product's base price."""
        return self.price if self.price is not None else self.product.price

    @property
    def current_price(self) -> Decimal:
        """`unit_price`, named as on `Product` so that a price display shows either (`products/includes/price.html`)."""
        return self.unit_price

    @property
    def on_sale(self) -> bool:
        return self.unit_price != self.regular_price

    @property
    def saving(self) -> Decimal:
        return self.regular_price - self.unit_price

    @property
    def shipping_weight(self) -> int:
        """Grams one unit weighs for shipping: the variant's own weight, else its product's."""
        return self.weight if self.weight is not None else self.product.weight


def variant_labels(variants, language_code: str | None = None) -> dict[int, str]:
    """{variant pk: "Red / M"} in `language_code` (a value without a translation keeps the default language's
    name), values ordered by option type. Two queries whatever the number of variants; "" for a variant without
    options."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    pks = [variant.pk for variant in variants]
    if not pks:
        return {}
    rows = list(
        ProductVariant.option_values.through.objects.filter(productvariant_id__in=pks)
        .order_by("optionvalue__option_type_id", "optionvalue__sort_order")
        .values_list("productvariant_id", "optionvalue__translation_key", "optionvalue__name")
    )
    translated = dict(
        OptionValue.objects.filter(
            translation_key__in={key for _pk, key, _name in rows}, locale__language_code=language_code
        ).values_list("translation_key", "name")
    )
    names: dict[int, list[str]] = {pk: [] for pk in pks}
    for pk, key, name in rows:
        names[pk].append(translated.get(key, name))
    return {pk: LABEL_SEPARATOR.join(parts) for pk, parts in names.items()}
