"""Registers the catalog's back office (`products.backoffice`) with Wagtail: the product and option snippets,
their bulk actions, the product spreadsheet's pages and menu entry, and the wording of commercial changes."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from storefront.admin_menu import SHOP_MENU_HOOK

from .backoffice.bulk_actions import BULK_ACTIONS
from .backoffice.history import CommercialChange
from .backoffice.spreadsheet_views import ImportView, export_view
from .backoffice.viewsets import OptionTypeViewSet, ProductViewSet, spreadsheet_menu_item
from .services import COMMERCIAL_CHANGE_ACTION

for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)
hooks.register(SHOP_MENU_HOOK, spreadsheet_menu_item)
register_snippet(ProductViewSet)
register_snippet(OptionTypeViewSet)


@hooks.register("register_admin_urls")
def register_spreadsheet_urls():
    return [
        path("products/spreadsheet/", ImportView.as_view(), name="products_spreadsheet"),
        path("products/spreadsheet/export/<str:file_format>/", export_view, name="products_spreadsheet_export"),
    ]


@hooks.register("register_log_actions")
def register_product_log_actions(actions):
    actions.register_action(COMMERCIAL_CHANGE_ACTION)(CommercialChange)
