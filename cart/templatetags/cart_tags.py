"""Template helpers for the cart's forms and the header's cart badge."""

import functools

from django import template
from django.utils.translation import get_language, ngettext

from markets.formatting import format_money
from products import inventory
from products.models import GALLERY_RENDITION
from products.renditions import rendition_or_none
from products.templatetags.shop_tags import money, stock_badge
from products.variant_picker import build_picker

register = template.Library()


@register.filter
def cart_money(amount, cart) -> str:
    """`{{ line.total|cart_money:cart }}`: an amount of the cart, in its market's currency and the active language
    ("1.234,99 €", "1 235 ₽"); empty for no amount (a variant without a price in the market)."""
    if amount is None or amount == "":
        return ""
    currency, whole_units = cart.money_style
    return format_money(amount, currency, whole_units=whole_units)


@register.filter
def line_limit(variant) -> int:
    """The most units of `variant` one cart line may hold now: its stock, capped at the per-line maximum."""
    return max(1, inventory.most_per_line(variant))


@register.simple_tag
def variant_picker(product_pk, choices, chosen):
    """The product page's picker (`products.variant_picker.build_picker`) for `choices` with `chosen` checked, or
    None for variants without options; each variant carries what `js/shop.js` shows when it is picked."""
    return build_picker(product_pk, choices, chosen, _describe)


def _describe(variant) -> dict:
    badge = stock_badge(variant.stock)
    # The variant's own picture replaces the page's main one (same size); none (or a lost one) leaves it.
    picture = rendition_or_none(variant.image, GALLERY_RENDITION) if variant.image else None
    return {
        "price": money(variant.unit_price),
        "sku": variant.sku,
        "max": line_limit(variant),
        "image": picture.url if picture else "",
        "stockClass": badge["css"],
        "stockText": badge["text"],
    }


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
