"""Why an order cannot be placed. Views show `message` to the shopper (translated); `str()` is for the log."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from storefront.money import format_money


class CheckoutError(Exception):
    """Placing the order was refused; nothing was written."""

    def __init__(self, log_message: str, message: str):
        super().__init__(log_message)
        self.message = message


class EmptyCart(CheckoutError):
    """There is nothing to order."""

    def __init__(self):
        super().__init__("the cart is empty", _("Your cart is empty."))


class ProductNotSoldInMarket(CheckoutError):
    """A variant of the cart has no price in the order's market (no explicit price and no exchange rate)."""

    def __init__(self, variant, title: str, market):
        self.variant, self.market = variant, market
        message = _("“%(title)s” is not sold in %(market)s. Please remove it from your cart.") % {
            "title": title,
            "market": market.localized.name,
        }
        super().__init__(f"variant {variant.sku} has no price in market {market.code}", message)


class ProductUnavailable(CheckoutError):
    """A product of the cart is no longer sold: not for sale, no live page in any language, or deleted."""

    def __init__(self, product, title: str):
        self.product = product
        if product is None:  # deleted while the shopper was checking out
            message = _("A product in your cart is no longer available. Please check your cart.")
            super().__init__(f"{title} no longer exists", message)
        else:
            message = _("“%(title)s” is no longer available. Please remove it from your cart.") % {"title": title}
            super().__init__(f"product {product.sku} is not available", message)


class OutOfStock(CheckoutError):
    """A product of the cart has fewer units in stock than the cart asks for."""

    def __init__(self, product, title: str, available: int):
        self.product, self.available = product, available
        if available > 0:
            message = ngettext(
                "Only %(count)d unit of “%(title)s” is left. Please change the quantity in your cart.",
                "Only %(count)d units of “%(title)s” are left. Please change the quantity in your cart.",
                available,
            ) % {"count": available, "title": title}
        else:
            message = _("“%(title)s” has just sold out. Please remove it from your cart.") % {"title": title}
        super().__init__(f"product {product.sku}: {available} in stock", message)


class QuantityOutOfRange(CheckoutError):
    """A line asks for more units than one order line may hold (`CART_MAX_LINE_QUANTITY`), or fewer than one.
    The session cart clamps what it reads, so only a tampered or stale cart gets here."""

    def __init__(self, product, quantity: int, limit: int):
        self.product, self.quantity = product, quantity
        message = ngettext(
            "You can order at most %(count)d unit of a product.",
            "You can order at most %(count)d units of a product.",
            limit,
        ) % {"count": limit}
        super().__init__(f"quantity {quantity} of {product.sku} is out of range 1..{limit}", message)


class ShippingUnavailable(CheckoutError):
    """The chosen shipping method does not (or no longer) apply to the country and the cart's weight, or none
    was chosen, or the shop does not ship there at all."""

    def __init__(self, country: str, method_pk, weight: int):
        self.country, self.method_pk, self.weight = country, method_pk, weight
        message = _(
            "The shipping method you chose is not available for this address and cart any more. "
            "Please choose another one."
        )
        super().__init__(f"shipping method {method_pk!r} does not apply to {country}, {weight} g", message)


class TotalBelowMinimumCharge(CheckoutError):
    """The order's total (after its coupon, with shipping and tax) is above zero but below the smallest amount the
    payment provider charges (`storefront.money.minimum_charge`): it could never be paid, so it is never placed
    and reserves no stock. A total of exactly zero needs no payment and is placed as ever."""

    def __init__(self, total, minimum, currency: str):
        self.total, self.minimum = total, minimum
        message = _(
            "Your order's total (%(total)s) is below the smallest amount our payment provider can charge "
            "(%(minimum)s). Please add products to your cart to reach it."
        ) % {"total": format_money(total, currency), "minimum": format_money(minimum, currency)}
        super().__init__(f"total {total} {currency} is below the minimum charge {minimum}", message)
