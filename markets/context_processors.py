"""Templates' `market` (the shopper's market, `markets.resolution.market_for`) and `market_form` (the header's
chooser, `markets.forms.MarketChoiceForm`, with the current market selected), both worked out on first use."""

from django.utils.functional import SimpleLazyObject

from .forms import MarketChoiceForm
from .resolution import market_for


def market(request):
    def chooser():
        current = market_for(request)
        return MarketChoiceForm(initial={"market": current.code if current else None, "next": request.get_full_path()})

    return {"market": SimpleLazyObject(lambda: market_for(request)), "market_form": SimpleLazyObject(chooser)}
