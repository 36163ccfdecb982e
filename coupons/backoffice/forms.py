"""The Wagtail edit form for coupons: one description textarea per shop language, kept in `Coupon.descriptions`."""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


def description_field(language: str) -> str:
    return f"description_{language}"


class _CouponAdminFormBase(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        descriptions = self.instance.descriptions or {}
        for language, _name in settings.LANGUAGES:
            self.fields[description_field(language)].initial = descriptions.get(language, "")

    def save(self, commit=True):
        self.instance.descriptions = {
            language: text
            for language, _name in settings.LANGUAGES
            if (text := self.cleaned_data.get(description_field(language), "").strip())
        }
        return super().save(commit=commit)


# The textareas are declared fields (not added in __init__) so that panels can name them like model fields.
CouponAdminForm = type(
    "CouponAdminForm",
    (_CouponAdminFormBase,),
    {
        description_field(language): forms.CharField(
            label=format_lazy("{} ({})", _("Description"), name),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        for language, name in settings.LANGUAGES
    },
)
