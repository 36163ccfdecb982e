"""The product's admin form: a product and its variants are checked together before anything is saved."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class ProductForm(WagtailAdminModelForm):
    """Refuses a product without a variant, a variant with two values of one option type, and two variants
    with the same combination of option values (which a database constraint cannot say for a many-to-many)."""

    def is_valid(self):
        # A cluster form cleans itself before its formsets: the variants' values are known only after both.
        return super().is_valid() and self._variants_are_distinct()

    def _variants_are_distinct(self) -> bool:
        formset = self.formsets.get("variants")
        if formset is None:
            return True
        kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if not kept:
            self.add_error(None, _("A product needs at least one variant."))
            return False
        combinations, distinct = set(), True
        for form in kept:
            values = list(form.cleaned_data.get("option_values") or [])
            if len({value.option_type_id for value in values}) != len(values):
                form.add_error("option_values", _("Choose at most one value of each option type."))
                distinct = False
                continue
            combination = frozenset(value.pk for value in values)
            if combination in combinations:
                form.add_error("option_values", _("Another variant already has these options."))
                distinct = False
            combinations.add(combination)
        if not distinct:
            self.add_error(None, _("Two variants have the same options."))
        return distinct
