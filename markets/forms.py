"""The shopper's market chooser: a plain form that works without JavaScript (`markets:choose`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Market


def market_choices():
    """(code, "Name (CUR)") for every market, named in the active language when translated."""
    return [
        (market.code, f"{market.localized.name} ({market.currency})")
        for market in Market.objects.sources().order_by("-is_default", "name")
    ]


class MarketChoiceForm(forms.Form):
    """Which market to shop in, and where to go back to afterwards."""

    market = forms.ChoiceField(
        label=_("Country or region"),
        choices=market_choices,
        help_text=_("Prices, currency and delivery follow the market you choose."),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
