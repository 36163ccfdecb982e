"""The refund form on an order's admin page: whole order or chosen units, restock per line, a reason.

Needs `checkout.refund_order` (the "Shop managers" group has it). The form carries a one-time key, so a double
submit makes one refund; the refund itself is `checkout.refunds.services.refund_order`.
"""

import secrets

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages

from checkout.orders.models import Order
from checkout.refunds.models import Refund
from checkout.refunds.services import RefundError, refund_order, refundable_quantities
from storefront.money import format_money

REFUND_PERMISSION = "checkout.refund_order"


def can_refund(user, order: Order) -> bool:
    return user.has_perm(REFUND_PERMISSION) and order.status in Order.REFUNDABLE and order.total > order.refunded_amount


class RefundForm(forms.Form):
    """One "units" and one "restock" field per line that has units left to refund."""

    everything = forms.BooleanField(required=False)
    reason = forms.CharField(required=False, max_length=1000)
    request_key = forms.CharField(max_length=64)

    def __init__(self, data=None, *, order: Order):
        super().__init__(data)
        self.order = order
        left = refundable_quantities(order)
        self.lines = [(line, left[line.pk]) for line in order.lines.all() if left[line.pk]]
        for line, left in self.lines:
            self.fields[f"units_{line.pk}"] = forms.IntegerField(min_value=0, max_value=left, initial=0, required=False)
            self.fields[f"restock_{line.pk}"] = forms.BooleanField(required=False)

    def quantities(self) -> dict[int, int] | None:
        """None for the whole order, else {order line pk: units}."""
        if self.cleaned_data["everything"]:
            return None
        return {line.pk: self.cleaned_data.get(f"units_{line.pk}") or 0 for line, _left in self.lines}

    def restock(self) -> set[int]:
        return {line.pk for line, _left in self.lines if self.cleaned_data.get(f"restock_{line.pk}")}


def new_request_key() -> str:
    return secrets.token_urlsafe(24)


def refund_context(user, order: Order) -> dict:
    """What the order page shows about refunds: the refunds, and the form when this user may refund."""
    context = {
        "refunds": order.refunds.select_related("created_by", "credit_note").prefetch_related("lines__order_line")
    }
    if can_refund(user, order):
        form = RefundForm(order=order)
        context.update(
            refund_form=form,
            refund_lines=[
                {"line": line, "left": left, "units": form[f"units_{line.pk}"], "restock": form[f"restock_{line.pk}"]}
                for line, left in form.lines
            ],
            refund_request_key=new_request_key(),
            refundable=format_money(order.total - order.refunded_amount, order.currency),
        )
    return context


class RefundView(View):
    """POST only: refund the order as the form says, as the signed-in shop manager."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        if not request.user.has_perm(REFUND_PERMISSION):
            raise PermissionDenied
        order = get_object_or_404(Order, pk=pk)
        form = RefundForm(request.POST, order=order)
        if not form.is_valid():
            messages.error(request, _("The refund was not made: check the units to refund."))
            return redirect(self.inspect_url_name, quote(order.pk))
        try:
            refund = refund_order(
                order,
                quantities=form.quantities(),
                restock=form.restock(),
                reason=form.cleaned_data["reason"].strip(),
                by=request.user,
                request_key=form.cleaned_data["request_key"],
            )
        except RefundError as error:
            messages.error(request, error.message)
            return redirect(self.inspect_url_name, quote(order.pk))
        amount = format_money(refund.amount, refund.currency)
        if refund.status == Refund.Status.FAILED:
            messages.error(
                request,
                _("Stripe did not refund %(amount)s: %(reason)s")
                % {"amount": amount, "reason": refund.failure_message},
            )
        else:
            messages.success(request, _("%(amount)s refunded to the customer.") % {"amount": amount})
        return redirect(self.inspect_url_name, quote(order.pk))
