"""Puts the cart on every page as `cart` (count: `{{ cart|length }}`, subtotal: `{{ cart.subtotal }}`).

The cart reads the session only when a template uses it, and never writes it: browsing creates no session.
"""

from .cart import Cart


def cart(request):
    return {"cart": Cart(request)}
