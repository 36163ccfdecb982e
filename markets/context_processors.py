"""What templates know of the shopper's market, each worked out on first use:

- `market`: the request's market (`markets.resolution.market_for`), None in a shop without markets;
- `market_form`: the header's chooser (`markets.forms.MarketChoiceForm`), the current market selected;
- `market_key`: the market's part of a kept fragment's key (`storefront.page_cache.variant_key`), for a
  `{% cache %}` whose content shows prices;
- `market_offer(item)`: {"price", "priceCurrency", "market"} of a ProductVariant (or a Product with no variant to
  show) in the market, for the JSON-LD offers (`products.templatetags.shop_tags.product_jsonld`), or None when it
  has no price there.
"""

import functools

from django.utils.functional import SimpleLazyObject

from storefront import page_cache

from . import shown
from .forms import MarketChoiceForm
from .resolution import market_for


def market(request):
    def chooser():
        current = market_for(request)
        return MarketChoiceForm(initial={"market": current.code if current else None, "next": request.get_full_path()})

    return {
        "market": SimpleLazyObject(lambda: market_for(request)),
        "market_form": SimpleLazyObject(chooser),
        "market_key": SimpleLazyObject(lambda: page_cache.variant_key(request)),
        "market_offer": functools.partial(shown.offer, request),
    }
