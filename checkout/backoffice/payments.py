"""Payments in the Wagtail admin: the payment providers' events with their outcome, re-processing, invoice and
credit note PDFs.

Payment events are written by the providers only: shop managers list and inspect them, and may re-process one that
failed (permission "change payment event"); nobody adds, edits or deletes them. The invoice PDF of an order
opens at the URL named `checkout_invoice_pdf_admin`, a credit note at `checkout_credit_note_pdf_admin` (the order
detail's refunds link to it, in a new tab); their e-invoice XML at `checkout_invoice_xml_admin` and
`checkout_credit_note_xml_admin`, under the same permission.
"""

import json

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from checkout.invoices.views import credit_note_response, invoice_response
from checkout.orders.models import Order
from checkout.payments.events import FINAL_OUTCOMES, reprocess
from checkout.payments.models import PaymentEvent
from storefront.admin_menu import SHOP_MENU_HOOK


class PaymentEventPermissionPolicy(ModelPermissionPolicy):
    """View with the view (or change) permission; "reprocess" needs change; add, edit and delete never."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        if action == "reprocess":
            return user.has_perm("checkout.change_paymentevent")
        return user.has_perm("checkout.view_paymentevent") or user.has_perm("checkout.change_paymentevent")


register_permission_policy(PaymentEvent, PaymentEventPermissionPolicy(PaymentEvent), exact_class=True)


def can_reprocess(user, event: PaymentEvent) -> bool:
    return event.outcome not in FINAL_OUTCOMES and PaymentEventPermissionPolicy(PaymentEvent).user_has_permission(
        user, "reprocess"
    )


class PaymentEventIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_reprocess(self.request.user, instance):
            url = reverse("checkout_paymentevent_reprocess", args=[instance.pk])
            buttons.append(MenuItem(_("Re-process"), url=url, icon_name="resubmit", priority=5))
        return buttons


class PaymentEventInspectView(InspectView):
    @cached_property
    def header_buttons(self):
        if can_reprocess(self.request.user, self.object):
            url = reverse("checkout_paymentevent_reprocess", args=[self.object.pk])
            return [HeaderButton(_("Re-process"), url=url, icon_name="resubmit")]
        return []

    def get_payload_display_value(self):
        return format_html("<pre>{}</pre>", json.dumps(self.object.payload, indent=2, ensure_ascii=False))


class PaymentEventViewSet(ModelViewSet):
    model = PaymentEvent
    icon = "form"
    menu_label = gettext_lazy("Payment events")
    menu_name = "payment_events"
    menu_order = 20
    menu_hook = SHOP_MENU_HOOK
    index_view_class = PaymentEventIndexView
    inspect_view_class = PaymentEventInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["event_id", "provider", "type", "order", "outcome", "received_at"]
    list_filter = ["outcome", "provider", "type"]
    search_fields = ["event_id", "order__number", "message"]
    # Never used (no one may add or edit an event), but a ModelViewSet needs a form definition.
    exclude_form_fields = []


class ReprocessView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation, POST processes a failed event again from its stored payload."""

    model = PaymentEvent
    permission_policy = PaymentEventPermissionPolicy(PaymentEvent)
    permission_required = "reprocess"
    template_name = "checkout/payment/admin/confirm_reprocess.html"
    page_title = gettext_lazy("Re-process payment event")
    header_icon = "resubmit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(PaymentEvent, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def inspect_url(self):
        return reverse("payment_events:inspect", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, inspect_url=self.inspect_url(), **kwargs)

    def get(self, request, *args, **kwargs):
        if self.object.outcome in FINAL_OUTCOMES:
            messages.warning(request, _("This event was processed already."))
            return redirect(self.inspect_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.object.outcome in FINAL_OUTCOMES:
            messages.warning(request, _("This event was processed already."))
            return redirect(self.inspect_url())
        record = reprocess(self.object)
        if record.outcome == PaymentEvent.Outcome.FAILED:
            messages.error(request, _("The event failed again: %(message)s") % {"message": record.message})
        else:
            messages.success(
                request,
                _("The event was processed: %(outcome)s.") % {"outcome": record.get_outcome_display()},
            )
        return redirect(self.inspect_url())


def _check_may_see_orders(user) -> None:
    if not (user.has_perm("checkout.view_order") or user.has_perm("checkout.change_order")):
        raise PermissionDenied


def invoice_pdf_admin(request, pk):
    """The invoice PDF of an order, for a shop manager (opened from the order in a new tab)."""
    _check_may_see_orders(request.user)
    return invoice_response(get_object_or_404(Order, pk=pk), request)


def credit_note_pdf_admin(request, pk, number):
    """A credit note PDF of an order, for a shop manager (opened from the order's refunds in a new tab)."""
    _check_may_see_orders(request.user)
    return credit_note_response(get_object_or_404(Order, pk=pk), number, request)


def invoice_xml_admin(request, pk):
    """The e-invoice XML of an order's invoice, for a shop manager (as the PDF)."""
    _check_may_see_orders(request.user)
    return invoice_response(get_object_or_404(Order, pk=pk), request, xml=True)


def credit_note_xml_admin(request, pk, number):
    """The e-invoice XML of an order's credit note, for a shop manager (as the PDF)."""
    _check_may_see_orders(request.user)
    return credit_note_response(get_object_or_404(Order, pk=pk), number, request, xml=True)


def admin_urls():
    """The payment screens' URLs: reprocessing an event and the order documents' PDFs."""
    return [
        path(
            "payments/events/<int:pk>/reprocess/",
            ReprocessView.as_view(),
            name="checkout_paymentevent_reprocess",
        ),
        path("payments/orders/<int:pk>/invoice/", invoice_pdf_admin, name="checkout_invoice_pdf_admin"),
        path("payments/orders/<int:pk>/invoice/xml/", invoice_xml_admin, name="checkout_invoice_xml_admin"),
        path(
            "payments/orders/<int:pk>/credit-notes/<str:number>/xml/",
            credit_note_xml_admin,
            name="checkout_credit_note_xml_admin",
        ),
        path(
            "payments/orders/<int:pk>/credit-notes/<str:number>/",
            credit_note_pdf_admin,
            name="checkout_credit_note_pdf_admin",
        ),
    ]
