"""The markets' invariants: one default market, a country in one market, currencies Babel knows, prices that fit
their currency."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from markets.models import ExchangeRate, Market, VariantPrice
from products.tests.factories import ProductFactory, variant_of

from .factories import default_locale, make_market, set_rate

pytestmark = pytest.mark.django_db


def test_one_default_market_in_the_database():
    make_market("us", ["US"], is_default=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_market("eu", ["ES"], "EUR", is_default=True)


def test_one_default_market_in_the_form():
    make_market("us", ["US"], is_default=True)
    second = Market(code="eu", name="EU", countries=["ES"], currency="EUR", default_language="es", is_default=True)
    second.locale = default_locale()
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "is_default" in error.value.message_dict


def test_a_country_belongs_to_one_market_at_most():
    make_market("eu", ["ES", "FR"], "EUR")
    other = Market(code="es", name="Spain", countries=["es"], currency="EUR", default_language="es")
    other.locale = default_locale()
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert error.value.message_dict["countries"] == ["Already in another market: ES"]


def test_a_translation_shares_its_source_s_countries(locales):
    market = make_market("eu", ["ES"], "EUR", is_default=True)
    spanish = market.copy_for_translation(locales["es"])
    spanish.name = "Zona euro"
    spanish.full_clean()
    spanish.save()
    assert Market.objects.sources().get() == market


@pytest.mark.parametrize(
    ("currency", "countries", "field"),
    [("XYZ", ["ES"], "currency"), ("KWD", ["ES"], "currency"), ("EUR", ["ZZ"], "countries")],
)
def test_unknown_codes_are_refused(currency, countries, field):
    market = Market(code="x", name="X", countries=countries, currency=currency, default_language="en")
    market.locale = default_locale()
    with pytest.raises(ValidationError) as error:
        market.full_clean()
    assert field in error.value.message_dict


def test_codes_are_normalised():
    market = Market(code="eu", name="EU", countries=["fr", "es", "fr"], currency="eur", default_language="es")
    market.locale = default_locale()
    market.full_clean()
    assert (market.countries, market.currency) == (["ES", "FR"], "EUR")


def test_a_variant_price_fits_its_currency_and_its_sale_is_lower():
    yen = make_market("jp", ["JP"], "JPY")
    variant = variant_of(ProductFactory())
    price = VariantPrice(market=yen, variant=variant, price=Decimal("1200.50"), sale_price=Decimal("1300"))
    with pytest.raises(ValidationError) as error:
        price.full_clean()
    assert error.value.message_dict == {
        "price": ["Too many decimals for JPY."],
        "sale_price": ["The sale price must be lower than the price."],
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        VariantPrice.objects.create(market=yen, variant=variant, price=Decimal("1200"), sale_price=Decimal("1300"))


def test_the_latest_rate_counts():
    set_rate("EUR", "0.90")
    newest = ExchangeRate.objects.create(currency="EUR", rate=Decimal("0.95"), date="2026-12-05")
    assert ExchangeRate.objects.latest_for("eur") == newest
    assert ExchangeRate.objects.latest_for("GBP") is None
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRate.objects.create(currency="EUR", rate=Decimal("0"), date="2026-12-06")
