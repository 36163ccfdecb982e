"""Registers the orders back office (a "Shop" menu with "Orders"), its export bulk actions and dashboard panels."""

from wagtail import hooks

from . import payments_admin  # noqa: F401 (Stripe events and invoice PDFs)
from .admin_views import ExportCsvBulkAction, ExportXlsxBulkAction, ShopViewSetGroup
from .dashboard import panels_for

hooks.register("register_admin_viewset", ShopViewSetGroup)
hooks.register("register_bulk_action", ExportCsvBulkAction)
hooks.register("register_bulk_action", ExportXlsxBulkAction)


@hooks.register("construct_homepage_panels")
def add_shop_panels(request, panels):
    """Orders to ship and low stock, first on the dashboard, for the users who run the shop."""
    panels.extend(panels_for(request.user))
