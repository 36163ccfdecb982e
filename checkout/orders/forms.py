"""The guest checkout form: who the shopper is and where the parcel goes, plus the submission key.

The submission key is generated each time the form is shown and ends with a digest of the cart as shown
(products, quantities, current prices). Sending the same key twice (a double click, a reload) gives the order
the first send made; a key whose digest no longer matches the cart means the cart changed since the shopper
read the page, so the form asks them to look again instead of ordering something they did not see.
"""

import re
import secrets
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from checkout.shipping import options as shipping
from checkout.taxes.rates import quote
from storefront.addresses import PostalAddressForm, address_of
from storefront.countries import country_names, sorted_by_name
from storefront.money import format_money

from .models import Order

SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{22}\.[0-9a-f]{32}")


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """The countries the shop ships to (every country while no shipping zone is configured), by name."""
    names = country_names(language)
    if (destinations := shipping.destination_countries()) is not None:
        names = {code: name for code, name in names.items() if code in destinations}
    return [("", "—")] + sorted_by_name(names)


def new_submission_key(cart) -> str:
    """A fresh key for one showing of the form: random part, then the cart's fingerprint."""
    return f"{secrets.token_urlsafe(16)}.{cart.fingerprint()}"


def _max_length(name: str) -> int:
    return Order._meta.get_field(name).max_length


class CheckoutForm(PostalAddressForm):
    """Where the parcel goes (`PostalAddressForm`, narrowed to the countries the shop ships to), the email, an
    optional tax ID, the shipping method and the submission key."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("We send the order confirmation to this address.")
    )
    tax_id = forms.CharField(
        label=_("Tax ID (optional)"),
        max_length=_max_length("tax_id"),
        required=False,
        help_text=_("For a business: printed on your invoice."),
    )
    shipping_method = forms.ChoiceField(
        label=_("Shipping"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a shipping method."),
            "invalid_choice": _("That shipping method is not available for this country. Please choose another one."),
        },
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    autocomplete = {**PostalAddressForm.autocomplete, "email": "email"}
    field_order = ["first_name", "last_name", "email", "address", "postal_code", "city", "country", "tax_id"]

    def __init__(self, data=None, *, cart, discount=Decimal("0"), **kwargs):
        self.cart = cart
        super().__init__(data, **kwargs)
        self.fields["tax_id"].widget.attrs["autocomplete"] = "off"
        if not self.is_bound:
            self.initial["submission_key"] = new_submission_key(cart)
        self.discount = discount
        self.goods_amount = cart.subtotal - discount
        self.weight = shipping.cart_weight((line.variant, line.quantity) for line in cart if line.available)
        self.shipping_needed = not shipping.ships_everywhere_free()
        self.shipping_choices = []
        if self.shipping_needed:
            country = self._value("country")
            if country in dict(self.fields["country"].choices):
                self.shipping_choices = shipping.choices_for(
                    country, self.weight, self.goods_amount, market=getattr(cart, "market", None)
                )
            self.fields["shipping_method"].choices = [
                (str(choice.pk), self._label(choice)) for choice in self.shipping_choices
            ]
            if len(self.shipping_choices) == 1 and not self._value("shipping_method"):
                self.initial["shipping_method"] = str(self.shipping_choices[0].pk)
        else:
            del self.fields["shipping_method"]

    def _value(self, name: str) -> str:
        """The value shown for `name`: what was sent, or the initial value of a re-shown form."""
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return str(value or "")

    @staticmethod
    def _label(choice) -> str:
        price = _("free") if choice.is_free else format_money(choice.price, choice.currency)
        text = f"{choice.name} — {price} ({choice.delivery_estimate})"
        sentences = " ".join(sentence for sentence in (choice.free_from_note, choice.description) if sentence)
        return f"{text}. {sentences}" if sentences else text

    @property
    def cannot_ship(self) -> bool:
        """A country is chosen but no method takes this cart there (its weight is out of every range)."""
        return self.shipping_needed and bool(self._value("country")) and not self.shipping_choices

    def chosen_shipping(self):
        """The shipping choice the form shows as selected, or None."""
        selected = self._value("shipping_method") or str(self.initial.get("shipping_method") or "")
        return next((choice for choice in self.shipping_choices if str(choice.pk) == selected), None)

    def quote(self):
        """The order's money as it would be placed now (lines, discount, shipping, tax), or None before a
        country (and a method, where the shop ships by methods) is chosen. Placing computes it again."""
        country = self._value("country")
        choice = self.chosen_shipping()
        if country not in dict(self.fields["country"].choices) or not country or (self.shipping_needed and not choice):
            return None
        lines = [line for line in self.cart if line.available]
        return quote(
            [(line.price, line.quantity, line.product.tax_class) for line in lines],
            country,
            discount=self.discount,
            shipping_price=choice.price if choice else Decimal("0"),
            shipping_tax_class=choice.method.tax_class if choice else None,
            market=getattr(self.cart, "market", None),
        )

    def clean_submission_key(self):
        key = self.cleaned_data["submission_key"]
        if not SUBMISSION_KEY.fullmatch(key):
            raise forms.ValidationError(
                _("The form has expired. Please check your order and send it again."), code="expired"
            )
        return key

    def clean(self):
        cleaned = super().clean()
        if self.cannot_ship and cleaned.get("country"):
            message = _(
                "We cannot ship this cart to %(country)s: it weighs %(weight)s kg, more than our carriers take "
                "there. Please remove some products or choose another address."
            ) % {"country": country_names()[cleaned["country"]], "weight": number_format(Decimal(self.weight) / 1000)}
            self.add_error("country", forms.ValidationError(message, code="cannot_ship"))
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

    def countries(self) -> list[tuple[str, str]]:
        return country_choices()

    def customer(self) -> dict:
        """Who orders and where the parcel goes, as `place_order` takes them."""
        data = self.cleaned_data
        return {**address_of(data), "email": data["email"], "tax_id": data["tax_id"]}

    def shipping_method_pk(self) -> int | None:
        value = self.cleaned_data.get("shipping_method")
        return int(value) if value else None
