"""Registers the orders back office (a "Shop" menu with "Orders") and its export bulk actions."""

from wagtail import hooks

from .admin_views import ExportCsvBulkAction, ExportXlsxBulkAction, ShopViewSetGroup

hooks.register("register_admin_viewset", ShopViewSetGroup)
hooks.register("register_bulk_action", ExportCsvBulkAction)
hooks.register("register_bulk_action", ExportXlsxBulkAction)
