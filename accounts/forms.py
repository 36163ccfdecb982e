"""The account pages' forms: profile, address, deleting the account."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from checkout.orders.forms import country_choices
from storefront.addresses import ADDRESS_FIELDS, PostalAddressForm

from .models import Address


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=get_user_model()._meta.get_field("first_name").max_length, required=False
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=get_user_model()._meta.get_field("last_name").max_length, required=False
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The emails we send you are written in this language."),
    )


class AddressForm(PostalAddressForm, forms.ModelForm):
    """An address of the customer's address book: the address fields as checkout has them, its name, and
    whether it is the default one."""

    class Meta:
        model = Address
        fields = ["label", *ADDRESS_FIELDS, "is_default"]
        labels = {"label": _("Name of this address"), "is_default": _("Use this address by default")}

    def countries(self) -> list[tuple[str, str]]:
        return country_choices()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )

    def __init__(self, data=None, *, user, **kwargs):
        self.user = user
        super().__init__(data, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.user.is_staff or self.user.is_superuser:
            # A staff account holds admin work (pages, orders' history): an administrator removes it in the admin.
            raise forms.ValidationError(_("A staff account is deleted in the admin."), code="staff")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password
