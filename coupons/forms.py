"""The code a shopper types on the cart page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


class CouponApplyForm(forms.Form):
    code = forms.CharField(
        label=_("Discount code"),
        max_length=50,
        strip=True,
        error_messages={
            "required": _("Please enter a discount code."),
            "max_length": ngettext_lazy(
                "A discount code has at most %(limit_value)d character.",
                "A discount code has at most %(limit_value)d characters.",
                "limit_value",
            ),
            "null_characters_not_allowed": _("We don't know this code. Please check it and try again."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
