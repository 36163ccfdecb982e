"""Stock and "may this be bought": the one place the shop's units change and the one definition of buyable.

Stock lives on `ProductVariant.stock` (CHECK ≥ 0). It changes only here, always as an `F()` update of one row at
a time in primary-key order (the order every caller locks rows in, so two transactions never deadlock):

- `reserve`: an order is placed, its units leave the stock (`checkout.orders.services.place_order`, with the
  rows locked by `locked`). The CHECK constraint is the last line of defence: an oversell the checks missed
  raises `InsufficientStock` and changes nothing.
- `release`: an unpaid order ends (expired, failed, cancelled) and its reserved units return
  (`checkout.orders.reservations`). A payment changes no stock: the reservation simply stays, so a paid order has
  sold what it reserved.
- `restock`: refunded units a shop manager chose to take back return (`checkout.refunds.services`).
- `set_stock`: an editor sets a count (`products.services.apply_commercial_plan`: bulk actions, spreadsheets).

Each update goes through `ProductVariant.objects.update`, which sends `products.signals.products_changed`: the
pages showing the variant are purged from the page cache after the commit (`products.cache`), as on a save.

The checks: `purchasable` (for sale, of a product for sale with a live page), `in_stock`, `covers` (enough
units for a quantity) and `most_per_line` (how many units one cart line may hold now), used by the cart, its
forms, checkout, the saved cart of an account and the admin's listing and dashboard.
"""

from collections.abc import Mapping

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef

from .models import Product, ProductPage
from .variants import ProductVariant


class InsufficientStock(Exception):
    """The stock of a variant is below what a reservation asks for (the CHECK constraint refused it).

    `variant_pk` names it, `available` is how many units it has now. Nothing of the reservation was written."""

    def __init__(self, variant_pk: int, available: int):
        self.variant_pk, self.available = variant_pk, available
        super().__init__(f"variant #{variant_pk}: {available} in stock")


# --- The checks -------------------------------------------------------------------------------------------


def max_line_quantity() -> int:
    """The most units of one variant a cart line (and so an order line) may hold, whatever the stock."""
    return settings.CART_MAX_LINE_QUANTITY


def for_sale(variants):
    """The variants of `variants` (a queryset) that are for sale, of a product that is for sale."""
    return variants.filter(for_sale=True, product__for_sale=True)


def purchasable(variants):
    """Variants a shopper may buy: for sale, of a product for sale with a live page in at least one language.

    Stock is not part of it: an out-of-stock variant stays in a cart (flagged) and on its page (sold out)."""
    live_page = ProductPage.objects.live().filter(product=OuterRef("product_id"))
    return for_sale(variants).filter(Exists(live_page))


def in_stock(variants):
    """The variants of `variants` (a queryset) for sale with at least one unit."""
    return variants.filter(for_sale=True, stock__gt=0)


def in_stock_products():
    """Products for sale with at least one variant for sale in stock."""
    return Product.objects.filter(for_sale=True).filter(
        Exists(in_stock(ProductVariant.objects.all()).filter(product=OuterRef("pk")))
    )


def low_stock(threshold: int):
    """Variants for sale (of products for sale) with at most `threshold` units: what the shop should restock."""
    return for_sale(ProductVariant.objects.all()).filter(stock__lte=threshold)


def has_stock(variant: ProductVariant) -> bool:
    """Whether at least one unit of `variant` is in stock."""
    return variant.stock > 0


def covers(variant: ProductVariant, quantity: int) -> bool:
    """Whether the stock of `variant` (as read, under a lock when it must be sure) holds `quantity` units."""
    return variant.stock >= quantity


def most_per_line(variant: ProductVariant) -> int:
    """The most units of `variant` one cart line may hold now: its stock, capped at `max_line_quantity` (0 when
    it is out of stock)."""
    return max(0, min(variant.stock, max_line_quantity()))


# --- The changes ------------------------------------------------------------------------------------------


def locked(variants):
    """`variants` (a queryset) locked for this transaction, in primary-key order (the order every caller takes
    locks in), with their products (which are not locked)."""
    return variants.select_for_update(of=("self",)).select_related("product").order_by("pk")


def reserve(quantities: Mapping[int, int]) -> None:
    """Take `quantities` ({variant pk: units}) out of stock, in primary-key order; call inside the transaction
    that holds the variants' locks (`locked`). Raises `InsufficientStock` (the CHECK constraint refused) for the
    first variant short of units; the caller's transaction then rolls back what was taken before it."""
    for pk in sorted(quantities):
        try:
            with transaction.atomic():
                ProductVariant.objects.filter(pk=pk).update(stock=F("stock") - quantities[pk])
        except IntegrityError as error:
            available = ProductVariant.objects.values_list("stock", flat=True).get(pk=pk)
            raise InsufficientStock(pk, available) from error


def release(quantities: Mapping[int, int]) -> None:
    """Give reserved units back ({variant pk: units}), in primary-key order: an unpaid order ended. A variant
    deleted since has nothing to return to."""
    _add(quantities)


def restock(quantities: Mapping[int, int]) -> None:
    """Put refunded units back into stock ({variant pk: units}), in primary-key order."""
    _add(quantities)


def set_stock(variant_pk: int, units: int) -> None:
    """Set the stock of one variant to `units` (an editor's count; the CHECK constraint refuses a negative one)."""
    ProductVariant.objects.filter(pk=variant_pk).update(stock=units)


def _add(quantities: Mapping[int, int]) -> None:
    for pk in sorted(quantities):
        if quantities[pk]:
            ProductVariant.objects.filter(pk=pk).update(stock=F("stock") + quantities[pk])
