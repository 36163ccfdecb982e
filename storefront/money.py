"""Money is Decimal, always: quantize to the currency, convert to minor units, format per locale.

One store currency (`STORE_CURRENCY`); amounts of different currencies are never mixed.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, format_percent, get_currency_precision
from django.conf import settings
from django.utils import translation

# Currencies whose amounts Stripe takes without minor units (see Stripe's "zero-decimal currencies").
ZERO_DECIMAL = {
    "bif",
    "clp",
    "djf",
    "gnf",
    "jpy",
    "kmf",
    "krw",
    "mga",
    "pyg",
    "rwf",
    "ugx",
    "vnd",
    "vuv",
    "xaf",
    "xof",
    "xpf",
}


# The smallest amount Stripe charges, in minor units of the currency (Stripe's "Minimum and maximum charge
# amounts"); a total above zero and below it can never be paid. Others: 50 (e.g. 0.50 usd).
MINIMUM_CHARGE = {
    "usd": 50,
    "eur": 50,
    "gbp": 30,
    "chf": 50,
    "cad": 50,
    "aud": 50,
    "dkk": 250,
    "nok": 300,
    "sek": 300,
    "pln": 200,
    "czk": 1500,
    "huf": 17500,
    "jpy": 50,
    "mxn": 1000,
    "hkd": 400,
}
DEFAULT_MINIMUM_CHARGE = 50


def store_currency() -> str:
    """The shop's one currency as an ISO code in lower case (Stripe's spelling)."""
    return settings.STORE_CURRENCY.lower()


def exponent(currency: str | None = None) -> int:
    currency = (currency or store_currency()).lower()
    return 0 if currency in ZERO_DECIMAL else get_currency_precision(currency.upper())


def quantize(amount, currency: str | None = None) -> Decimal:
    """Round half up to the currency's smallest unit (whole cents for usd and eur)."""
    step = Decimal(1).scaleb(-exponent(currency))
    return Decimal(amount).quantize(step, rounding=ROUND_HALF_UP)


def subtotal_of(lines: Iterable[tuple[Decimal, int]], currency: str | None = None) -> Decimal:
    """The one subtotal rule, for the cart, a coupon's minimum and the order: the sum of unit price × quantity
    over `(unit price, quantity)` pairs, rounded as `quantize` does."""
    return quantize(sum((price * quantity for price, quantity in lines), Decimal("0")), currency)


def to_minor_units(amount, currency: str | None = None) -> int:
    """Decimal('12.34') → 1234 for usd: the integer Stripe expects."""
    return int(quantize(amount, currency).scaleb(exponent(currency)))


def from_minor_units(value: int, currency: str | None = None) -> Decimal:
    return quantize(Decimal(value).scaleb(-exponent(currency)), currency)


def minimum_charge(currency: str | None = None) -> Decimal:
    """The smallest total Stripe charges in `currency` (0.50 for usd and eur)."""
    currency = (currency or store_currency()).lower()
    return from_minor_units(MINIMUM_CHARGE.get(currency, DEFAULT_MINIMUM_CHARGE), currency)


def below_minimum_charge(total, currency: str | None = None) -> bool:
    """Whether a total costs something but less than Stripe can charge: an order of it could never be paid (a
    total of exactly zero needs no payment at all)."""
    return 0 < total < minimum_charge(currency)


def format_money(amount, currency: str | None = None, language: str | None = None) -> str:
    """Format for people in the given (or active) language: '$1,234.50', '1234,50 US$', '1 234,50 $'."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    return format_currency(quantize(amount, currency), (currency or store_currency()).upper(), locale=language)


def spread(amount, weights: list, currency: str | None = None) -> list[Decimal]:
    """`amount` shared in proportion to `weights`, in whole minor units, adding up to `amount` exactly.

    Each share is rounded down to the unit; the units left over go one each to the shares with the largest
    remainders (the first of equal ones). Weights of zero get nothing; all zero, the amount is not shared. A
    negative amount is shared as its opposite, then negated.
    """
    if amount < 0:
        return [-share for share in spread(-amount, weights, currency)]
    units = to_minor_units(amount, currency)
    total_weight = sum(weights, Decimal("0"))
    if not weights or total_weight <= 0:
        return [from_minor_units(0, currency) for _weight in weights]
    exact = [Decimal(units) * weight / total_weight for weight in weights]
    shares = [int(value) for value in exact]  # floor: every value is >= 0
    left = units - sum(shares)
    by_remainder = sorted(range(len(exact)), key=lambda index: (-(exact[index] - shares[index]), index))
    for index in by_remainder[:left]:
        shares[index] += 1
    return [from_minor_units(share, currency) for share in shares]


def format_rate(rate, language: str | None = None) -> str:
    """A tax rate in percent for people: Decimal('21.00') → '21%' (en), '21 %' (es), '5,5 %' (ru)."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    return format_percent(Decimal(rate) / 100, locale=language, decimal_quantization=False)
