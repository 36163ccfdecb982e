"""`price_in`: explicit prices first, else converted at the stored rate and rounded, else no price (never 0)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from markets.models import PricingRule, RoundingRule, VariantPrice
from markets.pricing import MarketPrice, price_in
from products.tests.factories import ProductFactory, variant_of

from .factories import set_rate, three_markets

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def markets():
    return three_markets()


@pytest.fixture
def kettle():
    return variant_of(ProductFactory(sku="KET-1", price=D("24.50")))


def test_the_base_currency_s_market_needs_no_rate(markets, kettle):
    assert price_in(markets["us"], kettle) == MarketPrice(D("24.50"), None, "USD", False)


def test_converted_at_the_latest_rate_then_rounded_by_the_market_s_rule(markets, kettle):
    set_rate("EUR", "0.80", date=datetime.date(2026, 11, 30))
    set_rate("EUR", "0.9215", date=datetime.date(2026, 12, 1))
    set_rate("RUB", "90.37")
    # 24.50 × 0.9215 = 22.57675 → up to .99; 24.50 × 90.37 = 2214.065 → nearest whole rouble.
    assert price_in(markets["eurozone"], kettle) == MarketPrice(D("22.99"), None, "EUR", False)
    assert price_in(markets["russia"], kettle) == MarketPrice(D("2214.00"), None, "RUB", True)


def test_no_rate_means_no_price_never_zero(markets, kettle):
    assert price_in(markets["eurozone"], kettle) is None


def test_an_explicit_price_overrides_the_converted_one_for_its_variant_only(markets, kettle):
    mug = variant_of(ProductFactory(sku="MUG-1", price=D("8.00")))
    set_rate("EUR", "0.92")
    VariantPrice.objects.create(market=markets["eurozone"], variant=kettle, price=D("19.95"), sale_price=D("17.50"))
    assert price_in(markets["eurozone"], kettle) == MarketPrice(D("19.95"), D("17.50"), "EUR", False)
    assert price_in(markets["eurozone"], kettle).current == D("17.50")
    assert price_in(markets["eurozone"], mug) == MarketPrice(D("7.99"), None, "EUR", False)


def test_an_explicit_prices_market_has_no_price_without_an_explicit_one(markets, kettle):
    market = markets["eurozone"]
    market.pricing = PricingRule.EXPLICIT
    market.save()
    set_rate("EUR", "0.92")
    assert price_in(market, kettle) is None
    VariantPrice.objects.create(market=market, variant=kettle, price=D("21.00"))
    assert price_in(market, kettle) == MarketPrice(D("21.00"), None, "EUR", False)


def test_a_product_s_sale_is_converted_by_the_same_rule(markets):
    product = ProductFactory(price=D("30.00"), sale_price=D("20.00"), sale_starts_at=timezone.now())
    set_rate("RUB", "90.55")
    price = price_in(markets["russia"], variant_of(product))
    assert price == MarketPrice(D("2717.00"), D("1811.00"), "RUB", True)
    assert price.on_sale


def test_a_sale_that_rounding_erases_is_not_shown(markets):
    market = markets["eurozone"]
    product = ProductFactory(price=D("10.00"), sale_price=D("9.50"))
    set_rate("EUR", "1.0")
    assert price_in(market, variant_of(product)).sale_amount == D("9.99")  # 10.00 → 10.99, 9.50 → 9.99
    market.rounding = RoundingRule.ENDING_00
    market.save()
    assert price_in(market, variant_of(product)) == MarketPrice(D("10.00"), None, "EUR", False)  # 9.50 → 10.00


def test_a_translated_market_prices_as_its_source(markets, kettle, locales):
    set_rate("EUR", "0.92")
    spanish = markets["eurozone"].copy_for_translation(locales["es"])
    spanish.name = "Zona euro"
    spanish.save()
    assert price_in(spanish, kettle) == price_in(markets["eurozone"], kettle)
