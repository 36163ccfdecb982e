"""What a variant costs in a market: its explicit price there, else its base price converted and rounded.

The one rule, in order:

1. A `VariantPrice` of the variant in the market is the price (and its sale price, when set), whatever the
   market's pricing rule.
2. Else, in a market whose rule is "converted", the variant's base-currency prices (`ProductVariant.regular_price`
   and, during a sale, `unit_price`) are multiplied by the market's latest `ExchangeRate` in `Decimal`, then
   rounded by the market's rounding rule (`round_price`). The base currency's own market needs no rate (1).
3. Else there is no price: an "explicit prices only" market without an explicit price, or a converted one without
   a rate. `price_in` answers None, which means "unavailable here", never a price of 0.

`prices_in(market, variants)` answers for many variants at once (one query for the explicit prices, one for the
rate, whatever their number) and keeps what it worked out in the cache under the market's version
(`markets.caching`, new whenever a rate, an explicit price or the market changes) and the variant's own base
prices, so a listing's converted prices are computed once. `price_in` is the same for one variant.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache

from storefront.money import exponent, quantize

from .caching import market_version
from .models import ExchangeRate, Market, PricingRule, RoundingRule, VariantPrice, base_currency

ENDINGS = {
    RoundingRule.ENDING_99: Decimal("0.99"),
    RoundingRule.ENDING_95: Decimal("0.95"),
    RoundingRule.ENDING_00: Decimal("0.00"),
}


@dataclass(frozen=True)
class MarketPrice:
    """A variant's price in a market: `amount` (the regular price), `sale_amount` (in force instead during a sale,
    else None), both in `currency` (ISO 4217, upper case); `whole_units` when the market shows no minor units."""

    amount: Decimal
    sale_amount: Decimal | None
    currency: str
    whole_units: bool = False

    @property
    def current(self) -> Decimal:
        """What a shopper pays for one unit now."""
        return self.amount if self.sale_amount is None else self.sale_amount

    @property
    def on_sale(self) -> bool:
        return self.sale_amount is not None


def effective_rule(rule: str, currency: str) -> str:
    """The rounding rule that applies: a currency without minor units (JPY) rounds to whole units whatever the
    market's rule says, since a .99 ending cannot be written in it."""
    return RoundingRule.WHOLE if exponent(currency) == 0 else rule


def round_price(amount, rule: str, currency: str) -> Decimal:
    """`amount` of `currency` rounded by `rule`, quantized to the currency's minor unit:

    - "none": half up to the smallest unit (12.345 → 12.35);
    - ".99", ".95", ".00": **up** to the next price with that ending, the amount itself when it already has it
      (12.10 → 12.99, 12.99 → 12.99, 13.00 → 13.99 with .99; 12.96 → 13.95 with .95; 12.01 → 13.00 with .00),
      so a converted price never drops below its exchange value and rises by less than one unit;
    - "whole": half up to the nearest whole unit (1234.50 → 1235, 1234.49 → 1234), at most half a unit away;
    - a currency without minor units (JPY) rounds to whole units whatever the rule (`effective_rule`).

    Zero stays zero: something free stays free whatever the ending. Applying the rule twice changes nothing.
    """
    amount = Decimal(amount)
    rule = effective_rule(rule, currency)
    if rule == RoundingRule.WHOLE:
        return quantize(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP), currency)
    if rule in ENDINGS and amount > 0:
        ending = ENDINGS[rule]
        return quantize((amount - ending).to_integral_value(rounding=ROUND_CEILING) + ending, currency)
    return quantize(amount, currency)


def rate_for(currency: str) -> Decimal | None:
    """Units of `currency` for one unit of the base currency: 1 for the base currency itself, else the latest
    stored rate, or None when there is none."""
    if currency.upper() == base_currency():
        return Decimal(1)
    rate = ExchangeRate.objects.latest_for(currency)
    return rate.rate if rate is not None else None


def convert(amount, rate: Decimal, market: Market) -> Decimal:
    """A base-currency amount in the market's currency at `rate`, rounded by the market's rule."""
    return round_price(Decimal(amount) * rate, market.rounding, market.currency)


def source_market(market: Market) -> Market:
    """The default-locale market a (possibly translated) market stands for: prices hang on it."""
    if market.locale.language_code == settings.LANGUAGE_CODE:
        return market
    return Market.objects.sources().get(translation_key=market.translation_key)


# A cached "no price here" (None itself is what the cache says for a missing key).
NO_PRICE = "none"
PRICE_TTL = 24 * 60 * 60


def _price_key(market: Market, version: str, variant) -> str:
    return f"market-price:{market.code}:{version}:{variant.pk}:{variant.regular_price}:{variant.unit_price}"


def prices_in(market: Market, variants) -> dict:
    """{variant pk: `price_in(market, variant)`} for `variants`, from the cache where it has them (see the module)."""
    variants = list(variants)
    if not variants:
        return {}
    market = source_market(market)
    version = market_version(market.code)
    keys = {variant.pk: _price_key(market, version, variant) for variant in variants}
    kept = cache.get_many(list(keys.values()))  # read only
    prices = {pk: (None if kept[key] == NO_PRICE else kept[key]) for pk, key in keys.items() if key in kept}
    missing = [variant for variant in variants if variant.pk not in prices]
    if missing:
        worked_out = _work_out(market, missing)
        prices.update(worked_out)
        cache.set_many({keys[pk]: NO_PRICE if price is None else price for pk, price in worked_out.items()}, PRICE_TTL)
    return prices


def _work_out(market: Market, variants) -> dict:
    explicit = {row.variant_id: row for row in VariantPrice.objects.filter(market=market, variant__in=variants)}
    rate = (
        rate_for(market.currency) if market.pricing == PricingRule.CONVERTED and len(explicit) < len(variants) else None
    )
    prices = {}
    for variant in variants:
        row = explicit.get(variant.pk)
        if row is not None:
            prices[variant.pk] = MarketPrice(row.price, row.sale_price, market.currency, market.whole_units)
        elif rate is None:
            prices[variant.pk] = None
        else:
            prices[variant.pk] = converted_price(market, rate, variant.regular_price, variant.unit_price)
    return prices


def converted_price(market: Market, rate: Decimal, regular, current) -> MarketPrice:
    """Base-currency prices (the regular one and the one in force) as a market's converted `MarketPrice`."""
    amount = convert(regular, rate, market)
    sale_amount = convert(current, rate, market) if current != regular else None
    if sale_amount is not None and sale_amount >= amount:
        sale_amount = None  # rounding ate the saving: no struck-through price equal to the one paid
    return MarketPrice(amount, sale_amount, market.currency, market.whole_units)


def price_in(market: Market, variant) -> MarketPrice | None:
    """What `variant` costs in `market` (the module's rule), or None when it has no price there."""
    return prices_in(market, [variant])[variant.pk]
