"""The cart of a signed-in customer, kept in the database (`SavedCart`) so that it follows them across devices.

The session cart stays the one the shop reads and writes (`cart.cart.Cart`); this module only copies it:

- after any response that changed a signed-in customer's session, the cart is saved (`save_cart`, called by
  `accounts.middleware.SavedCartMiddleware`): the last device to change the cart wins;
- on sign-in, the saved cart is merged into the anonymous cart of this browser (`merge_saved_cart`), which is
  kept. Merge rules: a variant ("T-shirt — Red / M") in both carts gets the sum of both quantities, capped by
  the variant's stock and by the per-line maximum (`CART_MAX_LINE_QUANTITY`), but never lowered below what this
  browser's cart already had; a variant only in the saved cart is added the same way; variants no longer for
  sale or out of stock are left out of the merge (the browser's own lines stay, flagged by the cart page as ever).

Lines are keyed by variant pk, as the session cart's; a cart saved before variants existed is keyed by product
pk, which is its default variant's pk (products migration 0007), so it reads the same.

Only the `Cart` class's public methods are used, never its session data.
"""

from cart.cart import Cart
from products import inventory
from products.models import ProductVariant

from .models import SavedCart


def add_capped(cart: Cart, variant: ProductVariant, quantity: int) -> int:
    """Add up to `quantity` units of `variant`; returns the units actually added (0 when none could be).

    The line's new quantity is capped by the variant's stock and the per-line maximum, and never lowered.
    """
    current = cart.quantity_of(variant)
    wanted = min(current + max(quantity, 0), inventory.most_per_line(variant))
    if wanted <= current:
        return 0
    cart.set_quantity(variant, wanted)
    return wanted - current


def merge_saved_cart(request, user) -> None:
    """Merge `user`'s saved cart into the session's cart (see the module docstring for the rules)."""
    saved = SavedCart.objects.filter(user=user).values_list("items", flat=True).first() or {}
    quantities = {int(pk): quantity for pk, quantity in saved.items() if str(pk).isdigit() and type(quantity) is int}
    if not quantities:
        return
    cart = Cart(request)
    for variant in (
        inventory.purchasable(ProductVariant.objects.filter(pk__in=quantities)).select_related("product").order_by("pk")
    ):
        add_capped(cart, variant, quantities[variant.pk])


def save_cart(request, user) -> None:
    """Keep the session's cart as `user`'s saved cart."""
    items = {str(pk): quantity for pk, quantity in Cart(request).quantities().items()}
    SavedCart.objects.update_or_create(user=user, defaults={"items": items})
