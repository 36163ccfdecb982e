"""Registers the orders back office (a "Shop" menu with "Orders") and its export bulk actions."""

from wagtail import hooks

from . import payments_admin  # noqa: F401 (Stripe events and invoice PDFs)
from .admin_views import ExportCsvBulkAction, ExportXlsxBulkAction, ShopViewSetGroup

hooks.register("register_admin_viewset", ShopViewSetGroup)
hooks.register("register_bulk_action", ExportCsvBulkAction)
hooks.register("register_bulk_action", ExportXlsxBulkAction)
