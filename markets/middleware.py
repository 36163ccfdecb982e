"""`request.market`: the shopper's market (`markets.resolution.market_for`), worked out on first use."""

from django.utils.functional import SimpleLazyObject

from .resolution import market_for


class MarketMiddleware:
    """Puts the request's market on `request.market`, lazily: a view or template that never asks costs nothing.

    Anywhere below `storefront.page_cache.PageCacheMiddleware` (which keys a cached page on the same market, through
    `markets.resolution.page_key_part`, before any middleware below it runs) and above the views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.market = SimpleLazyObject(lambda: market_for(request))
        return self.get_response(request)
