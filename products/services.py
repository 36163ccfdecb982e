"""The one path that changes a product's commercial fields on an editor's behalf: price, stock, "for sale" and
the sale (sale price, start, end).

A single edit in the admin, a bulk action on the listing, a spreadsheet import and the page editor's
commercial fields all call `change_commercial_fields` (one value for every product) or `apply_commercial_plan`
(a value per product, e.g. a price raised by 5 %). Each call, in one transaction:

- locks the products' rows in primary-key order (as order placement does, so the two never deadlock),
- writes only the fields whose value really changes, through `ProductQuerySet.update`, which sends
  `products_changed` (the page cache purges their pages in every locale after commit),
- writes one Wagtail log entry per product changed (`products.commercial_change`, with who, when and each
  field's old and new value), shown on the product's history in the admin.

Stock lives on the variants (`products.variants`). `stock` in a plan is a product's stock as the listing,
bulk actions, spreadsheet and page form show it: it is written to the product's one variant, and refused
(`StockOnVariants`, before anything is written) for a product with several variants, whose stock is set per
variant in the product's admin form. The log entry still names it "stock", on the product's history.

Stock reserved or returned by an order is not an editor's change: `checkout` moves it with `F()` updates of
its own, under the variants' row locks.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import ngettext
from wagtail.log_actions import log

from storefront.money import quantize

from . import inventory
from .models import COMMERCIAL_FIELDS, Product, ProductVariant

COMMERCIAL_CHANGE_ACTION = "products.commercial_change"
STOCK = "stock"
# What an editor's plan may change: the product's commercial fields and the stock of a product with one variant.
PLANNED_FIELDS = COMMERCIAL_FIELDS | {STOCK}


def field_label(name: str) -> str:
    """The verbose name of a planned field ("stock" is the variants')."""
    model = ProductVariant if name == STOCK else Product
    return str(model._meta.get_field(name).verbose_name)


class StockOnVariants(ValueError):
    """A plan sets the stock of products with several variants: it must be set per variant."""

    def __init__(self, skus):
        self.skus = sorted(skus)
        self.message = ngettext(
            "%(skus)s has several variants: set its stock per variant in the product's form.",
            "%(skus)s have several variants: set their stock per variant in each product's form.",
            len(self.skus),
        ) % {"skus": ", ".join(self.skus)}
        super().__init__(self.message)


def multi_variant_skus(product_pks) -> list[str]:
    """The SKUs of the products among `product_pks` whose stock cannot be set as one number."""
    counts = {}
    for product_id, sku in ProductVariant.objects.filter(product__in=list(product_pks)).values_list(
        "product_id", "product__sku"
    ):
        counts.setdefault(product_id, [sku, 0])[1] += 1
    return sorted(sku for sku, count in counts.values() if count != 1)


def stock_refusal(plan: Mapping[int, Mapping[str, object]]) -> str | None:
    """Why `plan` cannot be applied because of stock (a translated sentence), or None: it sets the stock of
    products with several variants."""
    if skus := multi_variant_skus(pk for pk, changes in plan.items() if STOCK in changes):
        return StockOnVariants(skus).message
    return None


def as_logged(value):
    """A JSON-safe form of a commercial value for the log entry (a Decimal as its exact string, a moment in ISO)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


class PriceAdjustment:
    """A price change by a percentage (+10 raises by 10 %) or by an amount (-2.50 lowers by 2.50), rounded
    half up to the cent as every price of the shop is. `of(price)` may be negative: the caller refuses it."""

    PERCENT, AMOUNT = "percent", "amount"

    def __init__(self, kind: str, value: Decimal):
        if kind not in (self.PERCENT, self.AMOUNT):
            raise ValueError(f"Unknown price adjustment: {kind}")
        self.kind, self.value = kind, Decimal(value)

    def of(self, price: Decimal) -> Decimal:
        if self.kind == self.PERCENT:
            return quantize(price * (1 + self.value / 100))
        return quantize(price + self.value)


def apply_commercial_plan(plan: Mapping[int, Mapping[str, object]], *, by) -> list[Product]:
    """Apply {product pk: {field: new value}} as `by` (a user, or None for the system); the products changed.

    Raises ValueError for a field that is not commercial, `StockOnVariants` (nothing written) for a stock of a
    product with several variants. Values are assumed valid (forms and imports check them first); the
    database's CHECK constraints still refuse a negative price or stock.
    """
    unknown = {field for changes in plan.values() for field in changes} - PLANNED_FIELDS
    if unknown:
        raise ValueError(f"Not commercial fields: {sorted(unknown)}")
    changed = []
    with transaction.atomic():
        products = list(Product.objects.select_for_update().filter(pk__in=list(plan)).order_by("pk"))
        # The variants whose stock is set, locked in primary-key order as order placement locks them.
        stocked = [product.pk for product in products if STOCK in plan[product.pk]]
        variants = {}
        for variant in inventory.locked(ProductVariant.objects.filter(product__in=stocked)):
            variants.setdefault(variant.product_id, []).append(variant)
        # A product with several variants may only be "set" to the stock it has (a spreadsheet row left alone).
        refused = [
            product.sku
            for product in products
            if product.pk in stocked
            and len(variants.get(product.pk, [])) != 1
            and plan[product.pk][STOCK] != sum(v.stock for v in variants.get(product.pk, []) if v.for_sale)
        ]
        if refused:
            raise StockOnVariants(refused)
        for product in products:
            current = {field: getattr(product, field) for field in plan[product.pk] if field != STOCK}
            if STOCK in plan[product.pk]:
                own = variants.get(product.pk, [])
                current[STOCK] = own[0].stock if len(own) == 1 else plan[product.pk][STOCK]
            diff = {field: value for field, value in plan[product.pk].items() if current[field] != value}
            if not diff:
                continue
            before = {field: current[field] for field in diff}
            own = {field: value for field, value in diff.items() if field != STOCK}
            if STOCK in diff:
                inventory.set_stock(variants[product.pk][0].pk, diff[STOCK])
            if own:
                Product.objects.filter(pk=product.pk).update(**own)
            for field, value in own.items():
                setattr(product, field, value)
            log(
                product,
                COMMERCIAL_CHANGE_ACTION,
                user=by,
                data={
                    "changes": {field: [as_logged(before[field]), as_logged(value)] for field, value in diff.items()}
                },
            )
            changed.append(product)
    return changed


def change_commercial_fields(products: Iterable[Product] | Product, *, by, **changes) -> list[Product]:
    """Set the same commercial values (`price=`, `stock=`, `for_sale=`) on products; see `apply_commercial_plan`."""
    if isinstance(products, Product):
        products = [products]
    pks = products.values_list("pk", flat=True) if hasattr(products, "values_list") else [p.pk for p in products]
    return apply_commercial_plan({pk: changes for pk in pks}, by=by)
