"""Registers the markets' back office (`markets.backoffice`) in the admin's "Shop" menu."""

from wagtail.snippets.models import register_snippet

from .backoffice import ExchangeRateViewSet, MarketViewSet, VariantPriceViewSet

register_snippet(MarketViewSet)
register_snippet(ExchangeRateViewSet)
register_snippet(VariantPriceViewSet)
