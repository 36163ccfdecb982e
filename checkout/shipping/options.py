"""What a cart may choose at checkout: where the shop ships, which methods apply, what they cost.

A method applies to a country when it is active and its zone holds the country, and to a cart when the cart's
weight is within its range (bounds included). Its price is free when the products cost at least `free_from`
after the coupon's discount (in catalog prices). Money always comes from the source method (default locale);
names and descriptions from the shopper's locale when translated.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale

from storefront.money import format_money, quantize

from .models import ShippingMethod, ShippingZone


@dataclass(frozen=True)
class ShippingChoice:
    """A method as one shopper sees it: its text in their language and its price for their cart."""

    method: ShippingMethod
    name: str
    description: str
    price: Decimal

    @property
    def pk(self) -> int:
        return self.method.pk

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def delivery_estimate(self) -> str:
        return delivery_estimate(self.method.min_days, self.method.max_days)

    @property
    def free_from_note(self) -> str:
        """E.g. "Free on orders from $50.00." while this cart pays for a method that has a threshold; "from"
        because `price_of` is free at the threshold itself."""
        if self.is_free or self.method.free_from is None:
            return ""
        return gettext("Free on orders from %(amount)s.") % {"amount": format_money(self.method.free_from)}


def delivery_estimate(min_days: int, max_days: int) -> str:
    """'2–4 business days', or '1 business day' when both ends are equal, in the active language (the plural
    of a range follows its larger end, as in Russian "2–4 рабочих дня", "7–21 рабочий день")."""
    if min_days == max_days:
        return ngettext("%(count)s business day", "%(count)s business days", max_days) % {"count": max_days}
    return ngettext("%(min)s–%(max)s business day", "%(min)s–%(max)s business days", max_days) % {
        "min": min_days,
        "max": max_days,
    }


def cart_weight(lines) -> int:
    """The cart's shipping weight in grams: the sum of each line's unit weight × quantity.

    `lines`: (variant, quantity) pairs; the one place that knows what a line weighs. A variant weighs its own
    weight, else its product's (`ProductVariant.shipping_weight`).
    """
    return sum(variant.shipping_weight * quantity for variant, quantity in lines)


def destination_countries() -> set[str] | None:
    """The ISO codes of the countries some active method ships to; None when the shop has no zone at all
    (it then ships everywhere for free, as before shipping was configured)."""
    if not ShippingZone.objects.exists():
        return None
    zones = ShippingZone.objects.filter(methods__in=source_methods().filter(active=True)).distinct()
    return {code for countries in zones.values_list("countries", flat=True) for code in countries}


def ships_everywhere_free() -> bool:
    return destination_countries() is None


def source_methods():
    """The methods of the default locale: the only ones whose money counts."""
    return ShippingMethod.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def applies(method: ShippingMethod, country: str, weight: int) -> bool:
    return country in method.zone.countries and takes(method, weight)


def takes(method: ShippingMethod, weight: int) -> bool:
    """Whether the method is active and `weight` grams are within its range (bounds included)."""
    if not method.active or (method.min_weight is not None and weight < method.min_weight):
        return False
    return method.max_weight is None or weight <= method.max_weight


def price_of(method: ShippingMethod, goods_amount: Decimal) -> Decimal:
    """The method's price for products worth `goods_amount` after the discount (catalog prices)."""
    if method.free_from is not None and goods_amount >= method.free_from:
        return Decimal("0.00")
    return quantize(method.price)


def choices_for(country: str, weight: int, goods_amount: Decimal, language: str | None = None) -> list[ShippingChoice]:
    """The methods that apply to `country` and a cart of `weight` grams, cheapest first, in `language`."""
    if not country:
        return []
    methods = [m for m in source_methods().select_related("zone") if applies(m, country, weight)]
    texts = _texts(methods, language or translation.get_language())
    found = [
        ShippingChoice(m, *texts.get(m.translation_key, (m.name, m.description)), price=price_of(m, goods_amount))
        for m in methods
    ]
    return sorted(found, key=lambda choice: (choice.price, choice.method.sort_order, choice.pk))


def find_choice(method_pk, country: str, weight: int, goods_amount: Decimal, language=None) -> ShippingChoice | None:
    """The method `method_pk` as a choice if it still applies, else None."""
    return next((c for c in choices_for(country, weight, goods_amount, language) if str(c.pk) == str(method_pk)), None)


def _texts(methods, language: str) -> dict:
    """{translation key: (name, description)} in `language` where a translation exists."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or language == settings.LANGUAGE_CODE:
        return {}
    translated = ShippingMethod.objects.filter(locale=locale, translation_key__in=[m.translation_key for m in methods])
    return {m.translation_key: (m.name, m.description) for m in translated}


@dataclass(frozen=True)
class CartEstimate:
    """What the cart page can say before the shopper names a country: the cheapest way to ship the cart anywhere
    the shop ships (None: no method takes its weight; 0: free), and whether prices include tax."""

    cheapest: Decimal | None
    ships_everywhere_free: bool
    prices_include_tax: bool


def estimate_for_cart(lines, goods_amount: Decimal) -> CartEstimate:
    """The estimate for (variant, quantity) `lines` worth `goods_amount` after the discount. The cart app calls it
    through `settings.CART_ESTIMATE` (it sits below checkout and does not import it)."""
    if ships_everywhere_free():
        return CartEstimate(Decimal("0.00"), True, settings.PRICES_INCLUDE_TAX)
    weight = cart_weight(lines)
    prices = [price_of(method, goods_amount) for method in source_methods() if takes(method, weight)]
    return CartEstimate(min(prices, default=None), False, settings.PRICES_INCLUDE_TAX)
