"""Money is Decimal, always: quantize to the currency, convert to minor units, format per locale.

One store currency (`STORE_CURRENCY`); amounts of different currencies are never mixed.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_precision
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


def format_money(amount, currency: str | None = None, language: str | None = None) -> str:
    """Format for people in the given (or active) language: '$1,234.50', '1234,50 US$', '1 234,50 $'."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    return format_currency(quantize(amount, currency), (currency or store_currency()).upper(), locale=language)
