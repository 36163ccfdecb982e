"""Money in any currency, formatted for the page's language by CLDR (Babel)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from markets.formatting import format_money, format_price
from markets.pricing import MarketPrice

D = Decimal
NBSP = "\xa0"


@pytest.mark.parametrize(
    ("amount", "currency", "language", "whole", "expected"),
    [
        # CLDR's Spanish groups thousands with a dot and puts the euro after a no-break space.
        ("1234.50", "EUR", "es", False, f"1.234,50{NBSP}€"),
        ("1234.50", "EUR", "ru", False, f"1{NBSP}234,50{NBSP}€"),
        ("1235", "RUB", "ru", True, f"1{NBSP}235{NBSP}₽"),
        ("1234.50", "RUB", "ru", True, f"1{NBSP}235{NBSP}₽"),
        ("1234.50", "USD", "en-US", False, "$1,234.50"),
        ("1234.50", "USD", "en", False, "$1,234.50"),
        ("1234.50", "USD", "es", False, f"1.234,50{NBSP}US$"),
        ("1234.5", "JPY", "en", False, "¥1,235"),
        ("0.505", "eur", "es", False, f"0,51{NBSP}€"),
    ],
)
def test_format_money(amount, currency, language, whole, expected):
    assert format_money(D(amount), currency, language, whole_units=whole) == expected


def test_the_active_language_by_default():
    with translation.override("ru"):
        assert format_money(D("35"), "EUR") == f"35,00{NBSP}€"


def test_a_market_price_shows_what_is_paid_now():
    price = MarketPrice(D("2717.00"), D("1811.00"), "RUB", True)
    assert format_price(price, "ru") == f"1{NBSP}811{NBSP}₽"


def test_template_filters():
    template = Template(
        "{% load market_tags %}[{{ price|market_money }}] [{{ amount|money_in:'EUR' }}] [{{ none|market_money }}]"
    )
    context = Context({"price": MarketPrice(D("22.99"), None, "EUR", False), "amount": D("1234.5"), "none": None})
    with translation.override("es"):
        assert template.render(context) == f"[22,99{NBSP}€] [1.234,50{NBSP}€] []"
