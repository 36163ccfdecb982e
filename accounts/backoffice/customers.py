"""Customers in the Wagtail admin, under the "Shop" menu: shop managers find a customer by email or name and see
their orders. Only `accounts.view_customer` opens it (shop managers have it, editors and translators do not); no
one adds, edits or deletes a customer here: customers keep their own account. Registered by `accounts/wagtail_hooks.py`.
"""

from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from storefront.admin_menu import SHOP_MENU_HOOK
from storefront.money import format_money

from ..models import Customer


class CustomerInspectView(InspectView):
    def get_language_display_value(self):
        profile = getattr(self.object, "customer_profile", None)
        return profile.get_language_display() if profile else "-"

    def get_field_label(self, field_name, field):
        if field_name == "language":
            return gettext_lazy("Preferred language")
        if field_name == "orders":
            return gettext_lazy("Orders")
        return super().get_field_label(field_name, field)

    def get_orders_display_value(self):
        orders = self.object.orders.order_by("-created_at")
        if not orders:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> · {} · {} · {}</li>',
                (
                    (
                        reverse("orders:inspect", args=[order.pk]),
                        order.number,
                        order.created_at.date().isoformat(),
                        order.get_status_display(),
                        format_money(order.total, order.currency),
                    )
                    for order in orders
                ),
            ),
        )


class CustomerViewSet(ModelViewSet):
    model = Customer
    icon = "user"
    menu_label = gettext_lazy("Customers")
    menu_name = "customers"
    menu_order = 15
    menu_hook = SHOP_MENU_HOOK
    inspect_view_class = CustomerInspectView
    inspect_view_enabled = True
    # Named one by one: the user row also holds the password hash and the staff flags, which are no one's business
    # here.
    inspect_view_fields = ["email", "first_name", "last_name", "date_joined", "last_login", "language", "orders"]
    copy_view_enabled = False
    add_to_reference_index = False
    search_fields = ["email", "first_name", "last_name"]
    search_backend_name = None
    ordering = ["-date_joined"]
    list_per_page = 50
    # Never used (no one adds or edits a customer here), but a ModelViewSet needs a form definition.
    form_fields = ["first_name"]
    list_display = [
        "email",
        Column("name", label=gettext_lazy("Name"), accessor="get_full_name", sort_key="last_name"),
        Column("order_count", label=gettext_lazy("Orders"), sort_key="order_count"),
        DateColumn("date_joined", label=gettext_lazy("Joined"), sort_key="date_joined"),
    ]

    def get_queryset(self, request):
        return Customer.objects.select_related("customer_profile").annotate(order_count=Count("orders"))

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_customer")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]
