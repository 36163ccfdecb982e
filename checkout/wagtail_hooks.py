"""Registers the shop's back office: the "Shop" menu (orders, payment events), export bulk actions, dashboard panels."""

from django.urls import path
from wagtail import hooks

from .backoffice import payments as payments_admin  # noqa: F401 (registers the payment events and invoice PDF views)
from .backoffice import reports  # noqa: F401 (registers the "Bought together" report)
from .backoffice.dashboard import panels_for, resolve_alert
from .backoffice.orders import ExportCsvBulkAction, ExportXlsxBulkAction, ShopViewSetGroup
from .shipping import admin as shipping_admin  # noqa: F401 (registers the shipping zones and methods)
from .taxes import admin as taxes_admin  # noqa: F401 (registers the tax rates)

hooks.register("register_admin_viewset", ShopViewSetGroup)
hooks.register("register_bulk_action", ExportCsvBulkAction)
hooks.register("register_bulk_action", ExportXlsxBulkAction)


@hooks.register("register_admin_urls")
def register_alert_urls():
    return [path("alerts/<int:pk>/resolve/", resolve_alert, name="resolve_alert")]


@hooks.register("construct_homepage_panels")
def add_shop_panels(request, panels):
    """Orders to ship and low stock, first on the dashboard, for the users who run the shop."""
    panels.extend(panels_for(request.user))
