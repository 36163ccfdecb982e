"""`{{ price|market_money }}` for a `markets.pricing.MarketPrice`; `{{ amount|money_in:"EUR" }}` for an amount.
Both format in the active language (`markets.formatting`)."""

from django import template

from markets.formatting import format_money, format_price

register = template.Library()


@register.filter
def market_money(price) -> str:
    """What a shopper pays now for a `MarketPrice`, as its market shows money; empty for no price."""
    return "" if price is None else format_price(price)


@register.filter
def money_in(amount, currency: str) -> str:
    """`amount` of `currency` (ISO 4217) in the active language; empty for no amount."""
    return "" if amount is None or amount == "" else format_money(amount, currency)
