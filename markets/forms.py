"""The shopper's market chooser: a plain form that works without JavaScript (`markets:choose`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .caching import cached_markets, market_names


def market_choices():
    """(code, "Name (CUR)") for every market, the default one first, named in the active language when translated
    (from the cache: `markets.caching`)."""
    names = market_names()
    return [(market.code, f"{names.get(market.code, market.name)} ({market.currency})") for market in cached_markets()]


class MarketChoiceForm(forms.Form):
    """Which market to shop in, and where to go back to afterwards."""

    market = forms.ChoiceField(
        label=_("Country or region"),
        choices=market_choices,
        help_text=_("Prices, currency and delivery follow the market you choose."),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
