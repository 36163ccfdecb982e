"""Markets for tests: `make_market` for one, `three_markets` for the demo's three (in the default locale)."""

import datetime
from decimal import Decimal

from django.conf import settings
from wagtail.models import Locale

from markets.models import ExchangeRate, ExchangeRateSource, Market, PricingRule, RoundingRule


def default_locale() -> Locale:
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def make_market(code, countries=(), currency="USD", **fields) -> Market:
    fields.setdefault("name", code.title())
    fields.setdefault("default_language", "en")
    fields.setdefault("pricing", PricingRule.CONVERTED)
    fields.setdefault("rounding", RoundingRule.NONE)
    return Market.objects.create(
        code=code, countries=list(countries), currency=currency, locale=default_locale(), **fields
    )


def three_markets() -> dict[str, Market]:
    """United States (USD, default, en), Eurozone (EUR, ES DE FR, es, .99) and Russia (RUB, ru, whole roubles)."""
    return {
        "us": make_market("us", ["US"], "USD", name="United States", is_default=True),
        "eurozone": make_market(
            "eurozone",
            ["ES", "DE", "FR"],
            "EUR",
            name="Eurozone",
            default_language="es",
            rounding=RoundingRule.ENDING_99,
        ),
        "russia": make_market(
            "russia", ["RU"], "RUB", name="Russia", default_language="ru", rounding=RoundingRule.WHOLE
        ),
    }


def set_rate(currency, rate, date=datetime.date(2026, 12, 1), source=ExchangeRateSource.ECB) -> ExchangeRate:
    return ExchangeRate.objects.create(currency=currency, rate=Decimal(rate), date=date, source=source)
