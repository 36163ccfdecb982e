"""Registers the shop's back office (`checkout.backoffice`) with Wagtail: the "Shop" menu (orders, shipping, tax
rates, the "Bought together" report), export bulk actions, dashboard panels."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from storefront.admin_menu import SHOP_MENU_HOOK

from .backoffice import payments, reports
from .backoffice.dashboard import panels_for, resolve_alert
from .backoffice.orders import ExportCsvBulkAction, ExportXlsxBulkAction, ShopViewSetGroup
from .backoffice.shipping import ShippingMethodViewSet, ShippingZoneViewSet
from .backoffice.taxes import TaxRateViewSet

hooks.register("register_admin_viewset", ShopViewSetGroup)
hooks.register("register_bulk_action", ExportCsvBulkAction)
hooks.register("register_bulk_action", ExportXlsxBulkAction)
hooks.register(SHOP_MENU_HOOK, reports.report_menu_item)
register_snippet(ShippingZoneViewSet)
register_snippet(ShippingMethodViewSet)
register_snippet(TaxRateViewSet)


@hooks.register("register_admin_viewset")
def register_payment_event_viewset():
    return payments.PaymentEventViewSet("payment_events", url_prefix="payments/events")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("alerts/<int:pk>/resolve/", resolve_alert, name="resolve_alert"),
        *reports.report_urls(),
        *payments.admin_urls(),
    ]


@hooks.register("construct_homepage_panels")
def add_shop_panels(request, panels):
    """Orders to ship and low stock, first on the dashboard, for the users who run the shop."""
    panels.extend(panels_for(request.user))
