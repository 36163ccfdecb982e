"""Money for people, in any currency and language, from CLDR's patterns (Babel).

`format_money(Decimal("1234.50"), "EUR", "es")` → "1.234,50 €" (CLDR's Spanish groups thousands with a dot),
`format_money(Decimal("1235"), "RUB", "ru", whole_units=True)` → "1 235 ₽", `format_money(Decimal("1234.50"),
"USD", "en-US")` → "$1,234.50". The separators and the currency's place are the language's, never the market's:
a Spanish reader in the United States reads "1.234,50 US$".
"""

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_currency, parse_pattern
from django.conf import settings
from django.utils import translation

from storefront.money import quantize


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of a Django language code ("en-us" → en_US); the active language when None."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return Locale.parse(translation.to_locale(language))


def format_money(amount, currency: str, language: str | None = None, *, whole_units: bool = False) -> str:
    """`amount` of `currency` (ISO 4217) as a reader of `language` writes it, rounded half up to the currency's
    minor unit. `whole_units` (a market whose prices are whole: `MarketPrice.whole_units`) leaves the decimals
    out, rounding half up to a whole unit: "1 235 ₽" rather than "1 235,00 ₽"."""
    locale = babel_locale(language)
    currency = currency.upper()
    if not whole_units:
        return format_currency(quantize(amount, currency), currency, locale=locale)
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    pattern.frac_prec = (0, 0)
    return pattern.apply(
        Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP),
        locale,
        currency=currency,
        currency_digits=False,
    )


def format_price(price, language: str | None = None) -> str:
    """What a shopper pays now for a `markets.pricing.MarketPrice`, formatted as its market shows money."""
    return format_money(price.current, price.currency, language, whole_units=price.whole_units)
