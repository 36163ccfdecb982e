"""Template helpers for the cart's forms."""

from django import template

from cart.cart import max_line_quantity

register = template.Library()


@register.filter
def line_limit(product) -> int:
    """The most units of `product` one cart line may hold now: its stock, capped at the per-line maximum."""
    return max(1, min(product.stock, max_line_quantity()))
