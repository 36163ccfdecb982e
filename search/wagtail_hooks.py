"""Registers the search app's back office (`search.backoffice`) with Wagtail: the "Shopper searches" report."""

from wagtail import hooks

from .backoffice.reports import report_menu_item, report_urls

hooks.register("register_admin_urls", report_urls)
hooks.register("register_reports_menu_item", report_menu_item)
