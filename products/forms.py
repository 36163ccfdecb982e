"""The product's admin form: a product and its variants are checked together before anything is saved."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class ProductForm(WagtailAdminModelForm):
    """Refuses a product without a variant, a variant with two values of one option type, and two variants
    with the same combination of option values (which a database constraint cannot say for a many-to-many)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("variants")
        if formset is None:
            return cleaned
        kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError(_("A product needs at least one variant."), code="no_variant")
        combinations = set()
        for form in kept:
            values = list(form.cleaned_data.get("option_values") or [])
            types = [value.option_type_id for value in values]
            if len(types) != len(set(types)):
                form.add_error("option_values", _("Choose at most one value of each option type."))
                continue
            combination = frozenset(value.pk for value in values)
            if combination in combinations:
                form.add_error("option_values", _("Another variant already has these options."))
                raise ValidationError(_("Two variants have the same options."), code="duplicate_combination")
            combinations.add(combination)
        return cleaned
