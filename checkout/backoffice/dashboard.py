"""What a shop manager sees first on the Wagtail dashboard: what needs them (open alerts), orders to ship and
products running low.

Each panel runs a fixed number of queries whatever the number of orders or products, and is added only for
users who run the shop (`panels_for`). Editors also hold product permissions (they edit product content), so
the low-stock panel asks for an order permission too: stock is an operations signal, not an editing one.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, F, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.components import Component

from checkout.orders import alerts
from checkout.orders.models import Alert, Order
from products import inventory
from products.models import Product, variant_labels, variant_title

ALERTS_SHOWN = 10
ORDERS_SHOWN = 5
PRODUCTS_SHOWN = 5


def can_handle_orders(user) -> bool:
    return user.has_perm("checkout.view_order") or user.has_perm("checkout.change_order")


def can_restock(user) -> bool:
    may_see_products = user.has_perm("products.change_product") or user.has_perm("products.view_product")
    return may_see_products and can_handle_orders(user)


def panels_for(user) -> list[Component]:
    """The shop panels this user may see (none for editors and translators)."""
    panels = []
    if can_handle_orders(user):
        panels.append(NeedsAttentionPanel())
        panels.append(OrdersToShipPanel())
    if can_restock(user):
        panels.append(LowStockPanel())
    return panels


def order_list_url(status: Order.Status) -> str:
    """The admin order list filtered by one status (the filter's own query parameter)."""
    return f"{reverse('orders:index')}?status={status.value}"


class NeedsAttentionPanel(Component):
    """Open alerts (disputes, failed refunds, payments not applied, emails given up on), newest first, each with
    its order and a "Resolved" button. Two queries."""

    name = "needs_attention"
    template_name = "checkout/admin/dashboard_alerts.html"
    order = 90

    def get_context_data(self, parent_context=None):
        open_alerts = Alert.objects.filter(resolved_at__isnull=True)
        return {
            "count": open_alerts.count(),
            "alerts": [
                (alert, reverse("orders:inspect", args=[alert.order_id]) if alert.order_id else "")
                for alert in open_alerts.select_related("order")[:ALERTS_SHOWN]
            ],
            "csrf_token": (parent_context or {}).get("csrf_token"),
        }


class OrdersToShipPanel(Component):
    """Paid orders waiting to be shipped, oldest payment first, and how many orders await payment. Two queries."""

    name = "orders_to_ship"
    template_name = "checkout/admin/dashboard_orders.html"
    order = 100

    def get_context_data(self, parent_context=None):
        counts = Order.objects.filter(status__in=[Order.Status.PAID, Order.Status.PENDING]).aggregate(
            to_ship=Count("pk", filter=Q(status=Order.Status.PAID)),
            awaiting_payment=Count("pk", filter=Q(status=Order.Status.PENDING)),
            # Orders are in their markets' currencies: their value is added up in the base currency, each at the
            # rate frozen on it (an order without a rate is counted above, not valued).
            to_ship_value=Sum(
                F("total") / F("exchange_rate"),
                filter=Q(status=Order.Status.PAID),
                default=Decimal("0"),
                output_field=DecimalField(max_digits=20, decimal_places=2),
            ),
        )
        oldest = Order.objects.filter(status=Order.Status.PAID).order_by("paid_at", "pk")[:ORDERS_SHOWN]
        return {
            **counts,
            "orders": [(order, reverse("orders:inspect", args=[order.pk])) for order in oldest],
            "paid_url": order_list_url(Order.Status.PAID),
            "pending_url": order_list_url(Order.Status.PENDING),
            "base_currency": settings.BASE_CURRENCY.upper(),
        }


class LowStockPanel(Component):
    """For-sale variants (of for-sale products) at or below `LOW_STOCK_THRESHOLD` units, fewest first, named
    "T-shirt — Red / M", and how many there are. Four queries."""

    name = "low_stock"
    template_name = "checkout/admin/dashboard_low_stock.html"
    order = 110

    def get_context_data(self, parent_context=None):
        threshold = settings.LOW_STOCK_THRESHOLD
        low = inventory.low_stock(threshold)
        edit_url_name = Product.snippet_viewset.get_url_name("edit")
        shown = list(low.select_related("product").order_by("stock", "sku")[:PRODUCTS_SHOWN])
        labels = variant_labels(shown)
        return {
            "threshold": threshold,
            "count": low.count(),
            "variants": [
                (
                    variant,
                    variant_title(variant.product.name, labels[variant.pk]),
                    reverse(edit_url_name, args=[variant.product_id]),
                )
                for variant in shown
            ],
        }


@require_POST
def resolve_alert(request, pk):
    """A shop manager settled the problem: it leaves the panel (the row stays, with who and when)."""
    if not request.user.has_perm("checkout.change_order"):
        raise PermissionDenied
    alert = get_object_or_404(Alert, pk=pk)
    alerts.resolve(alert, by=request.user)
    messages.success(request, _("Marked as resolved: %(problem)s.") % {"problem": alert.get_kind_display()})
    return redirect("wagtailadmin_home")
