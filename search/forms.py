"""The search page's filters. The query itself is not a form field: it is cleaned, never rejected (see query.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from products.models import ProductIndexPage

from .query import sort_choices_supported

SORT_LABELS = {
    "relevance": _("Best match"),
    "price": _("Price: low to high"),
    "-price": _("Price: high to low"),
    # "By name" in Russian, where a person's "Name" is a different word.
    "name": pgettext_lazy("sort order", "Name"),
    "newest": _("Newest"),
}


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Subcategories indented under their parents; categories hang below the home page (depth 3).
        return "\u2003" * max(obj.depth - 3, 0) + obj.title


class SearchFiltersForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Category"), queryset=ProductIndexPage.objects.none(), required=False, empty_label=_("All categories")
    )
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data, *, locale):
        super().__init__(data)
        self.fields["category"].queryset = (
            ProductIndexPage.objects.live().filter(locale=locale, alias_of__isnull=True).order_by("path")
        )
        self.fields["sort"].choices = [(name, SORT_LABELS[name]) for name in sort_choices_supported()]

    def filters(self):
        """The valid filters; an invalid one (a tampered URL) falls back to its default and shows its error."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "category": data.get("category"),
            "in_stock": data.get("in_stock", False),
            "sort": data.get("sort") or "relevance",
        }
