"""The tax rates of a destination country, read once per computation, and the quote of an order's money."""

from decimal import Decimal

from django.conf import settings

from products.models import TaxClass

from .calculation import OrderMoney, compute
from .models import TaxRate

NO_TAX = Decimal("0")


def rates_for(country: str) -> dict[str, Decimal]:
    """{tax class: rate %} for `country`; a class the country has no rate for is taxed at 0 %."""
    found = dict(TaxRate.objects.filter(country=(country or "").upper()).values_list("tax_class", "rate"))
    return {tax_class: found.get(tax_class, NO_TAX) for tax_class in TaxClass.values}


def quote(
    items,
    country: str,
    *,
    discount=Decimal("0"),
    shipping_price=Decimal("0"),
    shipping_tax_class=None,
    market=None,
) -> OrderMoney:
    """The money of an order to `country`: `items` are (unit price, quantity, tax class) in catalog prices of the
    `market` (its currency and whether its prices include tax; the store's settings without a market).

    Reads the country's rates, then `calculation.compute` does the rest.
    """
    include_tax = market.prices_include_tax if market is not None else settings.PRICES_INCLUDE_TAX
    rates = rates_for(country)
    return compute(
        [(price, quantity, rates[tax_class]) for price, quantity, tax_class in items],
        discount=discount,
        shipping_price=shipping_price,
        shipping_rate=rates[shipping_tax_class or TaxClass.STANDARD],
        prices_include_tax=include_tax,
        currency=market.currency if market is not None else None,
    )
