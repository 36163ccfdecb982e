"""The orders back office in the Wagtail admin: list, filters, search, export, detail and status actions.

Shop managers need `checkout.view_order` to see orders and `checkout.change_order` to cancel or ship
them; nobody creates, edits or deletes an order here. Status actions go through `checkout.orders.services`, so the
transitions, the stock and the event history behave exactly as they do for the shop and the tasks.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from checkout.invoices import einvoice
from checkout.orders import services
from checkout.orders.models import InvalidTransition, Order
from storefront.admin_menu import SHOP_MENU_HOOK
from storefront.bulk_actions import CheckedIdsBulkAction
from storefront.money import format_money

from . import exports
from .refunds import RefundView, refund_context

SEARCH_TERMS = 5


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Status"), choices=Order.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    created_at = django_filters.DateFromToRangeFilter(label=gettext_lazy("Placed"), widget=DateRangePickerWidget)

    class Meta:
        model = Order
        fields = ["status", "created_at"]


class OrderIndexView(IndexView):
    """Orders, newest first; filters by status and date; search by number, email and name; CSV and XLSX."""

    template_name = "checkout/admin/order_index.html"

    def search_queryset(self, queryset):
        """Every word must match the number, the email, or the first or last name ('ana pérez' works)."""
        if not self.is_searching:
            return queryset
        for term in self.search_query.split()[:SEARCH_TERMS]:
            queryset = queryset.filter(
                Q(number__icontains=term)
                | Q(email__icontains=term)
                | Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
            )
        return queryset

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format == self.FORMAT_CSV:
            return exports.csv_response(queryset, self.get_filename())
        return exports.xlsx_response(queryset, self.get_filename())

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="order"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(*args, **kwargs, get_title_id=lambda order: f"order_{quote(order.pk)}_title")


class OrderDetailView(InspectView):
    """One order: its lines and totals, the customer, the status history and the actions it allows."""

    template_name = "checkout/admin/order_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Order.objects.prefetch_related("lines", "events__actor"), pk=self.pk)

    def get_page_title(self):
        return _("Order")

    def get_page_subtitle(self):
        return self.object.number

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = self.user_has_permission("change")
        context["actions"] = [
            {"name": name, "label": label, "serious": name == "cancel"}
            for name, (to_status, _service, label) in OrderStatusView.actions().items()
            if can_change and self.object.can_move_to(to_status)
        ]
        context["status_url_name"] = self.status_url_name
        context["refund_url_name"] = self.refund_url_name
        context.update(refund_context(self.request.user, self.object))
        context["payments"] = self.object.payments.all()
        context["einvoice"] = einvoice.status(self.object)
        return context

    status_url_name = None
    refund_url_name = None


class OrderStatusView(PermissionCheckedMixin, View):
    """POST only: move an order along one allowed transition through its service, as the signed-in user."""

    model = Order
    permission_required = "change"
    http_method_names = ["post"]
    inspect_url_name = None

    @staticmethod
    def actions():
        return {
            "cancel": (Order.Status.CANCELLED, services.cancel_order, gettext_lazy("Cancel order")),
            "ship": (Order.Status.SHIPPED, services.mark_shipped, gettext_lazy("Mark as shipped")),
        }

    def post(self, request, pk, action):
        order = get_object_or_404(Order, pk=pk)
        if action not in self.actions():
            messages.error(request, _("Unknown action."))
            return redirect(self.inspect_url_name, quote(order.pk))
        to_status, service, _label = self.actions()[action]
        note = request.POST.get("note", "").strip()[:1000]
        try:
            order = service(order, by=request.user, note=note)
        except InvalidTransition:
            messages.error(
                request,
                _("Order %(number)s is %(status)s: it cannot become %(target)s.")
                % {
                    "number": order.number,
                    "status": order.get_status_display().lower(),
                    "target": Order.Status(to_status).label.lower(),
                },
            )
        else:
            messages.success(
                request,
                _("Order %(number)s is now %(status)s.")
                % {"number": order.number, "status": order.get_status_display().lower()},
            )
        return redirect(self.inspect_url_name, quote(order.pk))


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "clipboard-list"
    menu_label = gettext_lazy("Orders")
    menu_order = 10
    index_view_class = OrderIndexView
    inspect_view_class = OrderDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = OrderFilterSet
    search_fields = ["number", "email", "first_name", "last_name"]
    search_backend_name = None
    list_per_page = 50
    export_filename = "orders"
    # Presence turns on Wagtail's "Download CSV / XLSX" buttons; the columns are `checkout.backoffice.exports.COLUMNS`.
    list_export = ["number"]
    list_display = [
        "number",
        Column("customer_name", label=gettext_lazy("Customer"), sort_key="last_name"),
        "email",
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda order: order.status == Order.Status.PAID,
        ),
        Column(
            "total",
            label=gettext_lazy("Total"),
            accessor=lambda order: format_money(order.total, order.currency),
            sort_key="total",
        ),
        DateColumn("created_at", label=gettext_lazy("Placed"), sort_key="created_at"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No create, edit, copy or delete: an order changes only through its status actions.
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            status_url_name=self.get_url_name("status"), refund_url_name=self.get_url_name("refund"), **kwargs
        )

    @property
    def status_view(self):
        return self.construct_view(OrderStatusView, inspect_url_name=self.get_url_name("inspect"))

    @property
    def refund_view(self):
        return RefundView.as_view(inspect_url_name=self.get_url_name("inspect"))

    @property
    def url_finder_class(self):
        """Admin links to an order (from logs, search or other apps) open its detail view: there is no edit view."""
        return type("OrderAdminURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})

    def get_permissions_to_register(self):
        """Only what the back office uses: view orders, change (cancel, ship) and refund them."""
        return super().get_permissions_to_register().filter(codename__in=["view_order", "change_order", "refund_order"])

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/refund/", self.refund_view, name="refund"),
            path("<int:pk>/<slug:action>/", self.status_view, name="status"),
        ]


class ShopViewSetGroup(ViewSetGroup):
    """The "Shop" menu of the admin: orders, and what every app registers with `SHOP_MENU_HOOK` (payment
    events, products, coupons, the reports). Each entry shows only to users with its permission."""

    menu_label = gettext_lazy("Shop")
    menu_icon = "tag"
    menu_order = 250
    submenu_hook = SHOP_MENU_HOOK
    items = (OrderViewSet("orders"),)


class ExportOrdersBulkAction(CheckedIdsBulkAction, BulkAction):
    """Download the ticked orders (with their lines) as a spreadsheet; needs `checkout.view_order`. A link with an
    id that cannot be an order's (`?id=abc`) goes back to the list with a message."""

    models = [Order]
    export_format = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("checkout.view_order"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        orders, _no_access = self.get_actionable_objects()
        if self.export_format == "csv":
            return exports.csv_response(orders, "orders-selected")
        return exports.xlsx_response(orders, "orders-selected")

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


class ExportCsvBulkAction(ExportOrdersBulkAction):
    display_name = gettext_lazy("Download CSV")
    aria_label = gettext_lazy("Download the selected orders as CSV")
    action_type = "export_csv"
    export_format = "csv"
    action_priority = 10


class ExportXlsxBulkAction(ExportOrdersBulkAction):
    display_name = gettext_lazy("Download XLSX")
    aria_label = gettext_lazy("Download the selected orders as XLSX")
    action_type = "export_xlsx"
    export_format = "xlsx"
    action_priority = 20
