"""The interface-string editor's form: one field per form of the translation (one, or the language's plural
count), validated by `translations.validation` through the service that saves it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TranslationForm(forms.Form):
    def __init__(self, *args, entry, nplurals, initial_forms, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = nplurals if entry.msgid_plural else 1
        for index in range(self.count):
            label = _("Plural form %(index)s") % {"index": index + 1} if entry.msgid_plural else _("Translation")
            self.fields[f"form_{index}"] = forms.CharField(
                label=label,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
                initial=initial_forms[index] if index < len(initial_forms) else "",
            )

    def translation(self) -> list[str]:
        return [self.cleaned_data[f"form_{index}"] for index in range(self.count)]


class ImportForm(forms.Form):
    catalogue = forms.FileField(label=_("Catalogue (.po)"))
