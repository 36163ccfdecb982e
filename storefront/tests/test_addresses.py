"""`storefront.addresses`: the address declared once, for the address book and the order's snapshot."""

import pytest

from accounts.directory import AccountDirectory
from accounts.forms import AddressForm
from accounts.models import Address
from accounts.tests.factories import make_address, make_customer
from checkout.models import Order
from checkout.orders.forms import CheckoutForm
from storefront.addresses import ADDRESS_FIELDS, PostalAddress, PostalAddressForm, address_of

ALICE = {
    "first_name": "Alice",
    "last_name": "Martin",
    "address": "1 Rue de la Paix",
    "postal_code": "75002",
    "city": "Paris",
    "country": "FR",
}


def described(model) -> list[tuple]:
    return [
        (field.name, type(field).__name__, str(field.verbose_name), field.max_length, field.blank)
        for field in (model._meta.get_field(name) for name in ADDRESS_FIELDS)
    ]


@pytest.mark.parametrize("model", [Address, Order])
def test_saved_addresses_and_orders_have_the_one_declared_address(model):
    assert issubclass(model, PostalAddress)
    assert described(model) == described(PostalAddress)
    assert [field.column for field in (model._meta.get_field(name) for name in ADDRESS_FIELDS)] == list(ADDRESS_FIELDS)


def test_an_address_is_copied_from_an_object_or_a_mapping_and_a_missing_field_is_empty():
    saved = Address(label="Home", is_default=True, **ALICE)

    assert address_of(saved) == ALICE
    assert address_of({**ALICE, "email": "alice@example.com", "label": "Home"}) == ALICE
    assert address_of({"city": "Paris", "country": None}) == dict.fromkeys(ADDRESS_FIELDS, "") | {"city": "Paris"}


def test_the_address_form_checks_every_field_and_offers_every_country():
    form = PostalAddressForm({**ALICE, "postal_code": "7" * 21, "country": "XX"})

    assert not form.is_valid()
    assert sorted(form.errors) == ["country", "postal_code"]
    assert ("FR", "France") in form.fields["country"].choices
    assert form.fields["city"].widget.attrs["autocomplete"] == "address-level2"
    assert PostalAddressForm(ALICE).is_valid()


@pytest.mark.django_db
def test_the_checkout_and_account_forms_are_the_address_form_with_their_own_fields():
    checkout = CheckoutForm(cart=EmptyCart())
    account = AddressForm()

    assert isinstance(checkout, PostalAddressForm) and isinstance(account, PostalAddressForm)
    assert list(checkout.fields)[:8] == [
        "first_name",
        "last_name",
        "email",
        "address",
        "postal_code",
        "city",
        "country",
        "tax_id",
    ]
    assert list(account.fields) == ["label", *ADDRESS_FIELDS, "is_default"]
    assert checkout.fields["email"].widget.attrs["autocomplete"] == "email"
    assert account.fields["first_name"].widget.attrs["autocomplete"] == "given-name"


@pytest.mark.django_db
def test_a_saved_address_travels_unchanged_to_the_checkout_form():
    address = make_address(make_customer(), **ALICE)

    (saved,) = AccountDirectory().addresses(address.user)

    assert saved.as_initial() == ALICE
    assert (saved.id, saved.is_default) == (address.pk, address.is_default)


class EmptyCart:
    """The least a checkout form needs of a cart."""

    subtotal = 0
    lines = []

    def __iter__(self):
        return iter(())

    def fingerprint(self):
        return "0" * 32
