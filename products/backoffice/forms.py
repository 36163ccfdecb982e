"""The admin form of a `Product`: its commercial fields are saved through `products.services`, never directly."""

from wagtail.admin.forms import WagtailAdminModelForm

from ..models import COMMERCIAL_FIELDS
from ..services import apply_commercial_plan


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
    """Creates a product as any model form does. On an edit, a changed price, stock or "for sale" goes through
    `apply_commercial_plan` (row lock, audit log, cache purge) and only the other fields are written here: an
    unchanged stock shown in the form must never overwrite units an order reserved since the form was opened.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in COMMERCIAL_FIELDS & set(self.fields):
            remember_value_shown(self.fields[name])

    def commercial_changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.changed_data if field in COMMERCIAL_FIELDS}

    def save(self, commit=True):
        if self.instance._state.adding or not commit:
            return super().save(commit=commit)
        product = super().save(commit=False)
        editorial = [
            f.name for f in product._meta.concrete_fields if not f.primary_key and f.name not in COMMERCIAL_FIELDS
        ]
        product.save(update_fields=editorial)
        self.save_m2m()
        if changes := self.commercial_changes():
            apply_commercial_plan({product.pk: changes}, by=self.for_user)
        product.refresh_from_db(fields=sorted(COMMERCIAL_FIELDS))
        return product
