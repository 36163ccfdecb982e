"""What a cart may choose at checkout: where the shop ships, which methods apply, what they cost.

A method applies to a country when it is active and its zone holds the country, and to a cart when the cart's
weight is within its range (bounds included). Its price is free when the products cost at least `free_from`
after the coupon's discount (in catalog prices). Money always comes from the source method (default locale);
names and descriptions from the shopper's locale when translated.

Currencies (issue #26): a method's price and free-from threshold are set once, in the base currency, and shown
and charged in a market's currency converted at the latest rate and rounded by the market's rule
(`markets.pricing.convert`, as converted product prices are). A market whose currency has no rate ships by no
method (never for a price of 0).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale

from markets.models import base_currency
from markets.pricing import convert, rate_for
from storefront.money import format_money, quantize

from .models import ShippingMethod, ShippingZone


@dataclass(frozen=True)
class ShippingChoice:
    """A method as one shopper sees it: its text in their language and its price for their cart."""

    method: ShippingMethod
    name: str
    description: str
    price: Decimal
    currency: str | None = None
    free_from: Decimal | None = None

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
        if self.is_free or self.free_from is None:
            return ""
        return gettext("Free on orders from %(amount)s.") % {"amount": format_money(self.free_from, self.currency)}


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


@dataclass(frozen=True)
class MethodMoney:
    """A method's price and free-from threshold (None: never free) in one currency."""

    price: Decimal
    free_from: Decimal | None
    currency: str


def money_in(method: ShippingMethod, market=None) -> MethodMoney | None:
    """The method's money in `market`'s currency (the module's rule), or None when that currency has no rate.
    Without a market, or in the base currency, the method's own amounts."""
    if market is None or market.currency == base_currency():
        currency = market.currency if market is not None else base_currency()
        free_from = quantize(method.free_from, currency) if method.free_from is not None else None
        return MethodMoney(quantize(method.price, currency), free_from, currency)
    rate = rate_for(market.currency)
    if rate is None:
        return None
    free_from = convert(method.free_from, rate, market) if method.free_from is not None else None
    return MethodMoney(convert(method.price, rate, market), free_from, market.currency)


def price_of(method: ShippingMethod, goods_amount: Decimal, market=None) -> Decimal | None:
    """The method's price for products worth `goods_amount` after the discount (catalog prices of `market`), or
    None when it has no price in the market's currency."""
    money = money_in(method, market)
    if money is None:
        return None
    if money.free_from is not None and goods_amount >= money.free_from:
        return quantize(0, money.currency)
    return money.price


def choices_for(
    country: str, weight: int, goods_amount: Decimal, language: str | None = None, market=None
) -> list[ShippingChoice]:
    """The methods that apply to `country` and a cart of `weight` grams, cheapest first, in `language`, priced in
    `market`'s currency (methods without a price there are left out)."""
    if not country:
        return []
    methods = [m for m in source_methods().select_related("zone") if applies(m, country, weight)]
    texts = _texts(methods, language or translation.get_language())
    found = []
    for method in methods:
        money = money_in(method, market)
        if money is None:
            continue
        name, description = texts.get(method.translation_key, (method.name, method.description))
        price = price_of(method, goods_amount, market)
        found.append(ShippingChoice(method, name, description, price, money.currency, money.free_from))
    return sorted(found, key=lambda choice: (choice.price, choice.method.sort_order, choice.pk))


def find_choice(
    method_pk, country: str, weight: int, goods_amount: Decimal, language=None, market=None
) -> ShippingChoice | None:
    """The method `method_pk` as a choice if it still applies, else None."""
    choices = choices_for(country, weight, goods_amount, language, market)
    return next((c for c in choices if str(c.pk) == str(method_pk)), None)


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


def estimate_for_cart(lines, goods_amount: Decimal, market=None) -> CartEstimate:
    """The estimate for (variant, quantity) `lines` worth `goods_amount` after the discount, in `market`'s
    currency and tax mode. The cart app calls it through `settings.CART_ESTIMATE` (it sits below checkout and
    does not import it)."""
    include_tax = market.prices_include_tax if market is not None else settings.PRICES_INCLUDE_TAX
    if ships_everywhere_free():
        return CartEstimate(Decimal("0.00"), True, include_tax)
    weight = cart_weight(lines)
    prices = [price_of(method, goods_amount, market) for method in source_methods() if takes(method, weight)]
    return CartEstimate(min((p for p in prices if p is not None), default=None), False, include_tax)
