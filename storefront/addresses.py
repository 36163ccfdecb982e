"""A postal address, declared once: its fields (`PostalAddress`), its form (`PostalAddressForm`) and the one way
to copy it (`address_of`).

A customer's saved address (`accounts.Address`) and the order's snapshot of where the parcel goes
(`checkout.Order`) are both `PostalAddress`es; the checkout form and the account's address form are both
`PostalAddressForm`s. An address travels from the address book to the checkout form, from the form to the order,
and from an order back to a form, through `address_of`, so a field added here reaches every step.
"""

from collections.abc import Mapping

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from storefront.countries import country_names, sorted_by_name

# The fields of an address, in the order people write them.
ADDRESS_FIELDS = ("first_name", "last_name", "address", "postal_code", "city", "country")
# The fields that name the person or the place closer than the country: what forgetting a person blanks.
IDENTIFYING_FIELDS = ("first_name", "last_name", "address", "postal_code", "city")


class PostalAddress(models.Model):
    """Who receives the parcel and where: a name and a street address in a country (ISO 3166-1 alpha-2 code)."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    address = models.CharField(_("address"), max_length=250)
    postal_code = models.CharField(_("postal code"), max_length=20)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2)

    class Meta:
        abstract = True


def address_of(source) -> dict[str, str]:
    """{field: value} of the address in `source`: a `PostalAddress`, any object with those attributes (the
    address book's entries as checkout sees them), or a mapping (a form's cleaned data); a missing field is "".
    The one way an address is copied, into a form's initial data, an order or an address book entry."""
    if isinstance(source, Mapping):
        return {name: source.get(name) or "" for name in ADDRESS_FIELDS}
    return {name: getattr(source, name, "") or "" for name in ADDRESS_FIELDS}


def _max_length(name: str) -> int:
    return PostalAddress._meta.get_field(name).max_length


class PostalAddressForm(forms.Form):
    """The fields of an address as shoppers fill them in, with their browsers' autofill tokens; the base of the
    checkout form and of the account's address form (a model form: mix it in before `forms.ModelForm`).

    `countries()` gives the country choices: every country by name, unless a subclass narrows them (checkout
    offers the countries the shop ships to)."""

    first_name = forms.CharField(label=_("First name"), max_length=_max_length("first_name"))
    last_name = forms.CharField(label=_("Last name"), max_length=_max_length("last_name"))
    address = forms.CharField(label=_("Address"), max_length=_max_length("address"))
    postal_code = forms.CharField(label=_("Postal code"), max_length=_max_length("postal_code"))
    city = forms.CharField(label=_("City"), max_length=_max_length("city"))
    country = forms.ChoiceField(label=_("Country"), choices=())

    autocomplete = {
        "first_name": "given-name",
        "last_name": "family-name",
        "address": "street-address",
        "postal_code": "postal-code",
        "city": "address-level2",
        "country": "country",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = self.countries()
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    def countries(self) -> list[tuple[str, str]]:
        """The country choices, by name in the active language, after an empty one."""
        return [("", "—")] + sorted_by_name(country_names())
