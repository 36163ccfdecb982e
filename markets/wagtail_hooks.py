"""Registers the markets' back office (`markets.backoffice`) in the admin's "Shop" menu, and the stale rates
warning on the dashboard (`markets.alerts`)."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .alerts import RatesPanel
from .backoffice import ExchangeRateViewSet, MarketViewSet, VariantPriceViewSet

register_snippet(MarketViewSet)
register_snippet(ExchangeRateViewSet)
register_snippet(VariantPriceViewSet)


@hooks.register("construct_homepage_panels")
def add_rates_panel(request, panels):
    """The stale rates warning, for whoever may edit exchange rates (`markets.alerts`)."""
    if request.user.has_perm("markets.change_exchangerate"):
        panels.append(RatesPanel())
