"""The demo's three markets (issue #26): the United States in US dollars (the base currency, the default market),
the Eurozone in euros (Spain and the other EU countries the demo ships to, `demo.shipping`), and Russia in whole
roubles; their names in English, Spanish and Russian; and a rate for the euro and the rouble so that converted
prices exist. Idempotent: what exists is left as it is.

The markets change nothing a shopper sees yet: prices are still shown and charged in the base currency."""

import datetime
from decimal import Decimal as D

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from markets.models import ExchangeRate, ExchangeRateSource, Market, PricingRule, RoundingRule

from .shipping import ZONES

# (code, countries, currency, default language, prices include tax, rounding, default, {language: name})
MARKETS = [
    (
        "us",
        ["US"],
        "USD",
        "en",
        False,
        RoundingRule.NONE,
        True,
        {"en": "United States", "es": "Estados Unidos", "ru": "США"},
    ),
    (
        "eurozone",
        sorted(ZONES["Spain"] + ZONES["Rest of the EU"]),
        "EUR",
        "es",
        True,
        RoundingRule.ENDING_99,
        False,
        {"en": "Eurozone", "es": "Zona euro", "ru": "Еврозона"},
    ),
    (
        "russia",
        ZONES["Russia"],
        "RUB",
        "ru",
        True,
        RoundingRule.WHOLE,
        False,
        {"en": "Russia", "es": "Rusia", "ru": "Россия"},
    ),
]
# Units for one US dollar, set by hand for the demo (a manual override, as a shop manager would enter it); the
# daily ECB task (`markets.tasks.fetch_exchange_rates`) replaces the euro's once it runs. The ECB publishes no
# rouble rate, so the rouble's stays manual.
RATES = {"EUR": D("0.92"), "RUB": D("90.00")}


@transaction.atomic
def ensure_markets(today: datetime.date | None = None) -> None:
    if settings.BASE_CURRENCY.upper() != "USD":
        return  # the demo's markets and rates are written for a US-dollar shop
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source_locale = locales[settings.LANGUAGE_CODE]
    for code, countries, currency, language, include_tax, rounding, is_default, names in MARKETS:
        market, _created = Market.objects.get_or_create(
            code=code,
            locale=source_locale,
            defaults={
                "name": names[settings.LANGUAGE_CODE],
                "countries": countries,
                "currency": currency,
                "default_language": language,
                "prices_include_tax": include_tax,
                "pricing": PricingRule.CONVERTED,
                "rounding": rounding,
                "is_default": is_default and not Market.objects.sources().filter(is_default=True).exists(),
            },
        )
        for language_code, name in names.items():
            if language_code in locales and language_code != settings.LANGUAGE_CODE:
                if not market.has_translation(locales[language_code]):
                    translation = market.copy_for_translation(locales[language_code])
                    translation.name = name
                    translation.save()
    today = today or datetime.date.today()
    for currency, rate in RATES.items():
        if not ExchangeRate.objects.filter(currency=currency).exists():
            ExchangeRate.objects.create(currency=currency, rate=rate, date=today, source=ExchangeRateSource.MANUAL)
