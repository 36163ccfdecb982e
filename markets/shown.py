"""The prices a request's pages show, in its market (`markets.resolution.market_for`), worked out once per request.

`prime(request, variants)` works out a page's variants together (`markets.pricing.prices_in`: two queries at most,
cached), so that `price_of` for each of them afterwards costs nothing; `card_price` does the same for every card
of a listing at once (one more query for their variants). The templates reach them through
`markets.templatetags.market_tags`, the JSON-LD through `markets.context_processors`.
"""

from decimal import ROUND_HALF_UP, Decimal

from products.variants import ProductVariant
from storefront.money import quantize

from .models import PricingRule, base_currency
from .pricing import MarketPrice, converted_price, prices_in, rate_for
from .resolution import market_for


def _market(request):
    return market_for(request) if request is not None else None


def base_price(item) -> MarketPrice:
    """The catalog's own prices of a ProductVariant or a Product, in the base currency: what a shop without any
    market shows."""
    current = item.unit_price if isinstance(item, ProductVariant) else item.current_price
    return MarketPrice(item.regular_price, current if current != item.regular_price else None, base_currency())


def _memo(request, name) -> dict:
    if not hasattr(request, name):
        setattr(request, name, {})
    return getattr(request, name)


def prime(request, variants) -> None:
    """Work out the prices of `variants` ([(variant, label)] or variants) for this request, in one go."""
    market = _market(request)
    variants = [item[0] if isinstance(item, tuple) else item for item in variants or []]
    if market is not None and variants:
        _memo(request, "_market_prices").update(prices_in(market, variants))


def price_of(request, item) -> MarketPrice | None:
    """The `MarketPrice` of `item` (a ProductVariant, or a Product with no variant to show: its own prices,
    converted) in the request's market, or None: no price there."""
    if not item:  # None, "" or a lazy object standing for None (a product with no variant in stock)
        return None
    market = _market(request)
    if market is None:
        return base_price(item)
    if not isinstance(item, ProductVariant):
        rate = rate_for(market.currency) if market.pricing == PricingRule.CONVERTED else None
        return None if rate is None else converted_price(market, rate, item.regular_price, item.current_price)
    memo = _memo(request, "_market_prices")
    if item.pk not in memo:
        memo.update(prices_in(market, [item]))
    return memo[item.pk]


def offer(request, item) -> dict | None:
    """{"price", "priceCurrency", "market"} of `item` in the request's market, as a schema.org `Offer` says it
    (the amount the page shows, a dot for decimals), or None when it has no price there."""
    price = price_of(request, item)
    if price is None:
        return None
    whole = price.current.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    market = _market(request)
    return {
        "price": str(whole) if price.whole_units else str(quantize(price.current, price.currency)),
        "priceCurrency": price.currency,
        "market": market.code if market is not None else "",
    }


def card_price(request, product_page, product_pages=None) -> dict | None:
    """{"price": the lowest `MarketPrice` of the product's variants for sale, "varies": whether they differ}, or
    None when none has a price in the request's market. The first call works out every card of `product_pages`."""
    market = _market(request)
    cards = _memo(request, "_market_cards")
    if product_page.product_id not in cards:
        pages = [page for page in (product_pages or []) if page.product_id not in cards] or [product_page]
        cards.update(_card_prices(market, [page.product_id for page in pages]))
    return cards.get(product_page.product_id)


def _card_prices(market, product_ids) -> dict:
    variants = list(
        ProductVariant.objects.filter(product_id__in=product_ids, for_sale=True)
        .select_related("product")
        .order_by("product_id", "sort_order", "pk")
    )
    prices = prices_in(market, variants) if market else {variant.pk: base_price(variant) for variant in variants}
    found = {product_id: [] for product_id in product_ids}
    for variant in variants:
        if prices.get(variant.pk) is not None:
            found[variant.product_id].append(prices[variant.pk])
    cards = {}
    for product_id, product_prices in found.items():
        if not product_prices:
            cards[product_id] = None
            continue
        lowest = min(product_prices, key=lambda price: price.current)
        varies = any(price.current != lowest.current for price in product_prices)
        cards[product_id] = {"price": lowest, "varies": varies}
    return cards
