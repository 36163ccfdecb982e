"""The demo's three markets, named in every language, with rates so that converted prices exist."""

import datetime
from decimal import Decimal

import pytest

from demo.markets import ensure_markets
from demo.shipping import EU_OTHERS
from markets.models import ExchangeRate, Market
from markets.pricing import MarketPrice, price_in
from products.tests.factories import ProductFactory, variant_of

pytestmark = pytest.mark.django_db


def test_three_markets_once(locales):
    ensure_markets(datetime.date(2026, 12, 7))
    ensure_markets(datetime.date(2026, 12, 8))
    us, eurozone, russia = (Market.objects.sources().get(code=code) for code in ("us", "eurozone", "russia"))
    assert (us.currency, us.countries, us.is_default, us.default_language) == ("USD", ["US"], True, "en")
    assert (eurozone.currency, eurozone.default_language) == ("EUR", "es")
    assert eurozone.countries == sorted(["ES", *EU_OTHERS])
    assert (russia.currency, russia.countries, russia.whole_units) == ("RUB", ["RU"], True)
    assert Market.objects.count() == 9  # three markets in three languages
    assert Market.objects.get(code="russia", locale=locales["ru"]).name == "Россия"
    assert Market.objects.get(code="eurozone", locale=locales["es"]).name == "Zona euro"
    assert ExchangeRate.objects.count() == 2

    kettle = variant_of(ProductFactory(price=Decimal("24.50")))
    assert price_in(us, kettle) == MarketPrice(Decimal("24.50"), None, "USD", False)
    assert price_in(eurozone, kettle) == MarketPrice(Decimal("22.99"), None, "EUR", False)  # 22.54 → .99
    assert price_in(russia, kettle) == MarketPrice(Decimal("2205.00"), None, "RUB", True)  # 2205 roubles
