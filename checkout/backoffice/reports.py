"""The "Bought together" report in the Wagtail admin: the pairs of products most often paid for together.

It reads the database (paid order lines, the truth), not Redis, so it is exact whatever Redis holds. It shows
sales figures, so it is for shop managers: users who may view orders (`checkout.view_order`).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from checkout.orders.models import Order
from checkout.orders.purchases import top_pairs
from products.models import Product

permission_policy = ModelPermissionPolicy(Order)


class BoughtTogetherReportView(ReportView):
    """Pairs of products with the number of paid orders holding both, most frequent first."""

    page_title = _("Bought together")
    header_icon = "pick"
    index_url_name = "bought_together_report"
    permission_policy = permission_policy
    permission_required = "view"
    paginate_by = 50
    columns = [
        Column("product", label=_("Product")),
        Column("partner", label=_("Bought with")),
        Column("orders", label=_("Paid orders with both")),
    ]
    list_export = ["product", "partner", "orders"]
    export_headings = {"product": _("Product"), "partner": _("Bought with"), "orders": _("Paid orders with both")}

    def get_queryset(self):
        return top_pairs()

    def get_filename(self):
        return "bought-together"

    def get_table(self, object_list):
        # ReportView builds the table before it decorates the page's rows, so decorate them here too.
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def decorate_paginated_queryset(self, object_list):
        """The page's rows with their products (for the table, and for the export)."""
        rows = list(object_list)
        products = Product.objects.in_bulk({row["product_id"] for row in rows} | {row["partner_id"] for row in rows})
        return [
            {"product": products[row["product_id"]], "partner": products[row["partner_id"]], "orders": row["orders"]}
            for row in rows
        ]


class BoughtTogetherMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "view")


def report_urls():
    return [path("reports/bought-together/", BoughtTogetherReportView.as_view(), name="bought_together_report")]


def report_menu_item():
    return BoughtTogetherMenuItem(
        _("Bought together"), reverse("bought_together_report"), name="bought-together", icon_name="pick", order=60
    )
