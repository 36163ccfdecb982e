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

Stock reserved or returned by an order is not an editor's change: `checkout` moves it with `F()` updates of
its own, under the same row locks.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from wagtail.log_actions import log

from storefront.money import quantize

from .models import COMMERCIAL_FIELDS, Product

COMMERCIAL_CHANGE_ACTION = "products.commercial_change"


def _as_logged(value):
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

    Raises ValueError for a field that is not commercial. Values are assumed valid (forms and imports check
    them first); the database's CHECK constraints still refuse a negative price or stock.
    """
    unknown = {field for changes in plan.values() for field in changes} - COMMERCIAL_FIELDS
    if unknown:
        raise ValueError(f"Not commercial fields: {sorted(unknown)}")
    changed = []
    with transaction.atomic():
        products = Product.objects.select_for_update().filter(pk__in=list(plan)).order_by("pk")
        for product in products:
            diff = {field: value for field, value in plan[product.pk].items() if getattr(product, field) != value}
            if not diff:
                continue
            before = {field: getattr(product, field) for field in diff}
            Product.objects.filter(pk=product.pk).update(**diff)
            for field, value in diff.items():
                setattr(product, field, value)
            log(
                product,
                COMMERCIAL_CHANGE_ACTION,
                user=by,
                data={
                    "changes": {field: [_as_logged(before[field]), _as_logged(value)] for field, value in diff.items()}
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
