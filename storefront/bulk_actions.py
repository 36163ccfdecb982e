"""The shop's own bulk actions in the Wagtail admin take only `id` values that can name a row.

Wagtail's bulk action view puts the URL's `id` values straight into `pk__in`: a value that is not a primary key of
the model (`abc`, an empty one, a NUL, a number past the column's range) fails while the query is built, a 500 for
a shop manager who followed a mangled link. `CheckedIdsBulkAction` refuses such a link before anything is read:
the manager is sent back to the listing with a message saying why.
"""

import logging

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

logger = logging.getLogger(__name__)

# Wagtail's "every row of the listing" (`id=all`), which its bulk actions resolve themselves.
ALL_IN_LISTING = "all"


def invalid_ids(model, values) -> list[str]:
    """The `values` that cannot be a primary key of `model` (`ALL_IN_LISTING` aside), in their order.

    A value is valid when the primary key field turns it into a value of its type within the database column's
    range; no string with a NUL is (PostgreSQL refuses it in any query)."""
    field = model._meta.pk
    invalid = []
    for value in values:
        if value == ALL_IN_LISTING:
            continue
        try:
            if "\x00" in value:
                raise ValidationError("NUL")
            field.run_validators(field.to_python(value))
        except ValidationError:
            invalid.append(value)
    return invalid


class CheckedIdsBulkAction:
    """A mixin before Wagtail's `BulkAction` (or `SnippetBulkAction`): a link with an `id` that cannot name a row
    of the model redirects to the listing (the action's `next`, else the admin's home) with an error message,
    before any query. Subclasses that check a permission in `dispatch` do so before calling this one."""

    def dispatch(self, request, *args, **kwargs):
        if invalid := invalid_ids(self.model, request.GET.getlist("id")):
            logger.warning("Bulk action %s refused: invalid ids %.200r", self.action_type, invalid)
            messages.error(
                request,
                _("This link names %(items)s that cannot exist. Please select them in the list again.")
                % {"items": self.model._meta.verbose_name_plural},
            )
            # `next` is the listing; never this very link (a loop), as a crafted one could make it.
            back = reverse("wagtailadmin_home") if self.next_url.startswith(request.path) else self.next_url
            return redirect(back)
        return super().dispatch(request, *args, **kwargs)
