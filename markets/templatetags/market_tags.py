"""Prices in the shopper's market, for the catalog's templates.

- `{{ price|market_money }}` for a `markets.pricing.MarketPrice`; `{{ amount|money_in:"EUR" }}` for an amount;
  both format in the active language (`markets.formatting`).
- `{% market_price variant as price %}`: what a variant (or a product without a variant to show) costs in the
  request's market, None when it cannot be bought there; `{% prime_market_prices variants %}` first works out a
  page's variants together (`markets.pricing.prices_in`: two queries at most, cached), so that asking for each
  one afterwards costs nothing.
- `{% market_prices_json variants %}`: the same for `js/shop.js`'s variant picker.
- `{% card_price product_page product_pages as card %}`: a listing card's price (the lowest of its product's
  variants for sale, and whether they differ), for every card of `product_pages` in one go.
"""

import json

from django import template
from django.utils.translation import gettext

from markets import shown
from markets.formatting import format_money, format_price

register = template.Library()


@register.filter
def market_money(price) -> str:
    """What a shopper pays now for a `MarketPrice`, as its market shows money; empty for no price."""
    return "" if price is None else format_price(price)


@register.filter
def market_regular_money(price) -> str:
    """The regular price of a `MarketPrice` (struck through during a sale), as its market shows money."""
    return "" if price is None else format_money(price.amount, price.currency, whole_units=price.whole_units)


@register.filter
def market_saving_money(price) -> str:
    """How much less than the regular price a shopper pays now, as the market shows money."""
    if price is None:
        return ""
    return format_money(price.amount - price.current, price.currency, whole_units=price.whole_units)


@register.filter
def money_in(amount, currency: str) -> str:
    """`amount` of `currency` (ISO 4217) in the active language; empty for no amount."""
    return "" if amount is None or amount == "" else format_money(amount, currency)


@register.simple_tag(takes_context=True)
def prime_market_prices(context, variants) -> str:
    """Work out the prices of a page's `variants` ([(variant, label)] or variants) in one go."""
    shown.prime(context.get("request"), variants)
    return ""


@register.simple_tag(takes_context=True)
def market_price(context, item):
    """The `MarketPrice` of `item` (a ProductVariant, or a Product with no variant to show) in the request's
    market, or None: no price there (never a price of 0)."""
    return shown.price_of(context.get("request"), item)


@register.simple_tag(takes_context=True)
def market_prices_json(context, variants) -> str:
    """{SKU: {"text": the price in force as the market shows it, or the "not available" message; "available"}}
    for a page's `variants` ([(variant, label)]), as JSON: `js/shop.js` shows a picked variant's price from it and
    disables the add-to-cart button for one without a price in the market."""
    request = context.get("request")
    shown.prime(request, variants)
    data = {}
    for item in variants or []:
        variant = item[0] if isinstance(item, tuple) else item
        price = shown.price_of(request, variant)
        data[variant.sku] = {
            "text": gettext("Not available in your market") if price is None else format_price(price),
            "available": price is not None,
        }
    return json.dumps(data, ensure_ascii=False)


@register.simple_tag(takes_context=True)
def card_price(context, product_page, product_pages=None):
    """{"price": the lowest `MarketPrice` of the product's variants for sale, "varies": whether they differ} in
    the request's market, or None when none of them has a price there (`markets.shown.card_price`)."""
    return shown.card_price(context.get("request"), product_page, product_pages)
