"""Bulk actions of the product listing: sell or stop selling, change prices by a percentage or an amount, set
the stock. Each needs the right to change products, and each writes through `apply_commercial_plan`, as a
single edit does (row locks, audit log, cache purge). A price or stock change first shows every product's
current and new value; only the confirmed form writes."""

from django import forms
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from storefront.bulk_actions import CheckedIdsBulkAction

from ..models import Product
from ..services import PriceAdjustment, apply_commercial_plan, field_label, stock_refusal


class ConfirmedForm(forms.Form):
    """A bulk action's form; `confirmed` is set by the preview page, so that the second submission writes."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CommercialBulkAction(CheckedIdsBulkAction, SnippetBulkAction):
    """The common shape: products only, change rights checked per product, a plan of new values applied at once;
    a link with an id that cannot be a product's goes back to the listing with a message."""

    template_name = "products/backoffice/confirm_bulk_commercial.html"
    form_class = ConfirmedForm
    needs_preview = False
    action_button_text = _("Apply")
    shown_fields = ("price", "stock", "for_sale")

    @classproperty
    def models(cls):
        return [Product]

    def check_perm(self, product):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", product)

    def new_values(self, product, data) -> dict:
        """{field: new value} for `product` from the confirmed form's `data`: the one thing each action says
        (sell / stop selling, price by percent or amount, set stock); every subclass defines it."""
        raise NotImplementedError("each bulk action defines new_values()")

    def plan(self, products, data) -> dict:
        return {product.pk: self.new_values(product, data) for product in products}

    def refusal(self, plan) -> str | None:
        """Why the plan cannot be applied (shown on the form), or None."""
        return None

    @cached_property
    def preview_plan(self):
        return None

    def object_context(self, product):
        context = super().object_context(product)
        new = (self.preview_plan or {}).get(product.pk, {})
        context["values"] = [
            {"field": name, "current": getattr(product, name), "new": new.get(name, getattr(product, name))}
            for name in self.shown_fields
        ]
        return context

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_button_text": _("Confirm") if self.preview_plan is not None else self.action_button_text,
            "shown_fields": [{"verbose_name": field_label(name)} for name in self.shown_fields],
            "preview": self.preview_plan is not None,
        }

    def form_valid(self, form):
        objects, _no_access = self.get_actionable_objects()
        plan = self.plan(objects, form.cleaned_data)
        if reason := self.refusal(plan):
            form.add_error(None, reason)
            return self.form_invalid(form)
        if self.needs_preview and not form.cleaned_data["confirmed"]:
            data = self.request.POST.copy()
            data["confirmed"] = "1"
            confirmed = self.get_form_class()(data)
            confirmed.is_valid()
            self.preview_plan = plan
            return self.render_to_response(self.get_context_data(form=confirmed))
        return super().form_valid(form)

    @classmethod
    def execute_action(cls, objects, self=None, **kwargs):
        changed = apply_commercial_plan(self.plan(objects, self.cleaned_form.cleaned_data), by=self.request.user)
        return len(changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d product changed.", "%(count)d products changed.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ForSaleBulkAction(CommercialBulkAction):
    """Sets "for sale" to `for_sale` on every selected product."""

    shown_fields = ("for_sale",)
    for_sale = True

    def new_values(self, product, data):
        return {"for_sale": self.for_sale}


class SellBulkAction(ForSaleBulkAction):
    display_name = _("Sell")
    action_type = "sell"
    aria_label = _("Sell the selected products")


class StopSellingBulkAction(ForSaleBulkAction):
    display_name = _("Stop selling")
    action_type = "stop-selling"
    aria_label = _("Stop selling the selected products")
    for_sale = False


class PriceChangeForm(ConfirmedForm):
    kind = forms.ChoiceField(
        label=_("Change by"),
        choices=[(PriceAdjustment.PERCENT, _("a percentage")), (PriceAdjustment.AMOUNT, _("an amount"))],
    )
    value = forms.DecimalField(
        label=_("Change"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Positive to raise, negative to lower: 10 with a percentage raises every price by 10 %."),
    )


class ChangePriceBulkAction(CommercialBulkAction):
    display_name = _("Change price")
    action_type = "change-price"
    aria_label = _("Change the price of the selected products")
    form_class = PriceChangeForm
    needs_preview = True
    shown_fields = ("price",)
    action_button_text = _("Preview")

    def new_values(self, product, data):
        return {"price": PriceAdjustment(data["kind"], data["value"]).of(product.price)}

    def refusal(self, plan):
        if any(values["price"] < 0 for values in plan.values()):
            return _("This change would make a price negative.")
        return None


class SetStockForm(ConfirmedForm):
    stock = forms.IntegerField(label=_("Stock"), min_value=0)


class SetStockBulkAction(CommercialBulkAction):
    display_name = _("Set stock")
    action_type = "set-stock"
    aria_label = _("Set the stock of the selected products")
    form_class = SetStockForm
    needs_preview = True
    shown_fields = ("stock",)
    action_button_text = _("Preview")

    def new_values(self, product, data):
        return {"stock": data["stock"]}

    def refusal(self, plan):
        """A product with several variants has no one stock: its variants' are set in its form."""
        return stock_refusal(plan)


BULK_ACTIONS = [SellBulkAction, StopSellingBulkAction, ChangePriceBulkAction, SetStockBulkAction]
