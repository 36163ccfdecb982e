"""How a commercial change (`products.services`) reads on a product's history in the admin. Registered by
`products/wagtail_hooks.py`."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from ..services import field_label


class CommercialChange(LogFormatter):
    """'Price: 24.50 → 22.00; stock: 10 → 12' on the product's history."""

    label = _("Change price, stock or for sale")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        parts = [
            _("%(field)s: %(before)s → %(after)s") % {"field": field_label(field), "before": before, "after": after}
            for field, (before, after) in data.get("changes", {}).items()
        ]
        # A change of variants made in the product's form: "TS-RED-M stock: 10 → 12".
        parts += [
            _("%(sku)s %(field)s: %(before)s → %(after)s")
            % {"sku": sku, "field": field_label(field), "before": before, "after": after}
            for sku, changes in data.get("variants", {}).items()
            for field, (before, after) in changes.items()
        ]
        return _("Commercial change: %(changes)s") % {"changes": "; ".join(str(part) for part in parts)}
