"""Template helpers for the cart's forms and the header's cart badge."""

import functools

from django import template
from django.utils.translation import get_language, ngettext

from cart.cart import max_line_quantity

register = template.Library()


@register.filter
def line_limit(variant) -> int:
    """The most units of `variant` one cart line may hold now: its stock, capped at the per-line maximum."""
    return max(1, min(variant.stock, max_line_quantity()))


# One number in each plural category of the languages the shop speaks (CLDR: one, two, few, many, other).
_PLURAL_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 5, "other": 10}


@register.simple_tag
def cart_label_forms() -> dict[str, str]:
    """{plural category: "Cart: {n} items" in the active language}, for `js/shop.js` to write any count with
    `Intl.PluralRules` and the gettext catalogue's own wording."""
    return _label_forms(get_language())


@functools.cache
def _label_forms(language) -> dict[str, str]:  # the catalogues are read once, at start
    return {
        category: ngettext("Cart: %(counter)s item", "Cart: %(counter)s items", sample) % {"counter": "{n}"}
        for category, sample in _PLURAL_SAMPLES.items()
    }
