"""The admin form of a `Product` with its variants: commercial fields are saved through `products.services` or
under row locks, never from a stale form.

A product and its variants are checked together before anything is saved: a product needs a variant, a
variant at most one value of each option type, and no two variants the same combination (which a database
constraint cannot say for a many-to-many).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log

from ..models import COMMERCIAL_FIELDS, ProductVariant
from ..services import COMMERCIAL_CHANGE_ACTION, apply_commercial_plan, as_logged
from ..variants import VARIANT_COMMERCIAL_FIELDS


def remember_value_shown(field):
    """Post the value a field showed (Django's hidden initial) with the field, so that `changed_data` means
    "the editor changed it", not "it differs from the database now" (an order may have reserved stock since).

    Wagtail's panels render only the widget, so the widget renders the hidden input itself.
    """
    field.show_hidden_initial = True
    render = field.widget.render

    def render_with_value_shown(name, value, attrs=None, renderer=None):
        shown = field.hidden_widget().render(f"initial-{name}", value, renderer=renderer)
        return render(name, value, attrs, renderer) + shown

    field.widget.render = render_with_value_shown


class ProductForm(WagtailAdminModelForm):
    """Creates a product with its variants as any cluster form does. On an edit, a changed price, sale or "for
    sale" of the product goes through `apply_commercial_plan` (row lock, audit log, cache purge), and a variant's
    price, stock or "for sale" the editor did not change keeps the database's value (read under a row lock): an
    unchanged stock shown in the form must never overwrite units an order reserved since the form was opened.
    The variants' changes are logged on the product's history too.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in COMMERCIAL_FIELDS & set(self.fields):
            remember_value_shown(self.fields[name])
        for form in self._variant_forms():
            for name in VARIANT_COMMERCIAL_FIELDS & set(form.fields):
                remember_value_shown(form.fields[name])

    def _variant_forms(self):
        formset = self.formsets.get("variants") if hasattr(self, "formsets") else None
        return formset.forms if formset is not None else []

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

    def commercial_changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.changed_data if field in COMMERCIAL_FIELDS}

    def _merge_variant_changes(self) -> dict:
        """Give each existing variant the database's value of every commercial field the editor left alone (rows
        locked until the transaction ends); {variant SKU: {field: [before, after]}} of what the editor changed."""
        forms = [form for form in self._variant_forms() if form.instance.pk and form not in self._deleted_forms()]
        locked = ProductVariant.objects.select_for_update().in_bulk(
            sorted(form.instance.pk for form in forms), field_name="pk"
        )
        changes = {}
        for form in forms:
            current = locked.get(form.instance.pk)
            if current is None:
                continue
            for name in VARIANT_COMMERCIAL_FIELDS & set(form.fields):
                if name in form.changed_data and getattr(current, name) != getattr(form.instance, name):
                    before, after = getattr(current, name), getattr(form.instance, name)
                    changes.setdefault(form.instance.sku, {})[name] = [as_logged(before), as_logged(after)]
                else:
                    setattr(form.instance, name, getattr(current, name))
        return changes

    def _deleted_forms(self):
        formset = self.formsets.get("variants")
        return formset.deleted_forms if formset is not None and formset.can_delete else []

    def save(self, commit=True):
        if self.instance._state.adding or not commit:
            return super().save(commit=commit)
        with transaction.atomic():
            product = super().save(commit=False)
            variant_changes = self._merge_variant_changes()
            editorial = [
                f.name for f in product._meta.concrete_fields if not f.primary_key and f.name not in COMMERCIAL_FIELDS
            ]
            product.save(update_fields=[*editorial, "variants"])
            self.save_m2m()
            if changes := self.commercial_changes():
                apply_commercial_plan({product.pk: changes}, by=self.for_user)
            if variant_changes:
                log(product, COMMERCIAL_CHANGE_ACTION, user=self.for_user, data={"variants": variant_changes})
        product.refresh_from_db(fields=sorted(COMMERCIAL_FIELDS))
        return product
