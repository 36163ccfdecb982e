"""The guest checkout form: who the shopper is and where the parcel goes, plus the submission key.

The submission key is generated each time the form is shown and ends with a digest of the cart as shown
(products, quantities, current prices). Sending the same key twice (a double click, a reload) gives the order
the first send made; a key whose digest no longer matches the cart means the cart changed since the shopper
read the page, so the form asks them to look again instead of ordering something they did not see.
"""

import re
import secrets
import unicodedata

from babel import Locale as BabelLocale
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Order

# CLDR territories that are not countries one ships to (regions, pseudo-codes, uninhabited islands).
NOT_COUNTRIES = {"AC", "AQ", "BV", "CP", "CQ", "DG", "EA", "EU", "EZ", "HM", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{22}\.[0-9a-f]{32}")


def country_names(language: str | None = None) -> dict[str, str]:
    """{ISO code: name in `language`} for every country, from CLDR."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    territories = BabelLocale.parse(language).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    def sort_key(item):
        return unicodedata.normalize("NFKD", item[1]).encode("ascii", "ignore").decode().casefold() or item[1]

    return [("", "—")] + sorted(country_names(language).items(), key=sort_key)


def new_submission_key(cart) -> str:
    """A fresh key for one showing of the form: random part, then the cart's fingerprint."""
    return f"{secrets.token_urlsafe(16)}.{cart.fingerprint()}"


def _max_length(name: str) -> int:
    return Order._meta.get_field(name).max_length


class CheckoutForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=_max_length("first_name"))
    last_name = forms.CharField(label=_("Last name"), max_length=_max_length("last_name"))
    email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("We send the order confirmation to this address.")
    )
    address = forms.CharField(label=_("Address"), max_length=_max_length("address"))
    postal_code = forms.CharField(label=_("Postal code"), max_length=_max_length("postal_code"))
    city = forms.CharField(label=_("City"), max_length=_max_length("city"))
    country = forms.ChoiceField(label=_("Country"), choices=())
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    autocomplete = {
        "first_name": "given-name",
        "last_name": "family-name",
        "email": "email",
        "address": "street-address",
        "postal_code": "postal-code",
        "city": "address-level2",
        "country": "country",
    }

    def __init__(self, data=None, *, cart, **kwargs):
        self.cart = cart
        super().__init__(data, **kwargs)
        self.fields["country"].choices = country_choices()
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        if not self.is_bound:
            self.initial["submission_key"] = new_submission_key(cart)

    def clean_submission_key(self):
        key = self.cleaned_data["submission_key"]
        if not SUBMISSION_KEY.fullmatch(key):
            raise forms.ValidationError(
                _("The form has expired. Please check your order and send it again."), code="expired"
            )
        return key

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("submission_key")
        if key and not key.endswith("." + self.cart.fingerprint()):
            message = _("Your cart changed since this page was shown. Please check your order and send it again.")
            self.add_error(None, forms.ValidationError(message, code="cart_changed"))
        return cleaned

    def refresh_submission_key(self) -> None:
        """Give the re-shown form a key matching the cart as it is now (after a cart-changed error)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("submission_key")] = new_submission_key(self.cart)

    @property
    def needs_new_key(self) -> bool:
        return self.has_error("submission_key") or self.has_error(NON_FIELD_ERRORS, "cart_changed")

    def customer(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.autocomplete}
