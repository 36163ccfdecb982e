"""The commercial records in the Wagtail admin: products with their variants, edited once for every language,
and the option types (Size, Colour) with their values, translated like any snippet."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK

from .backoffice.bulk_actions import BULK_ACTIONS
from .backoffice.chooser import ProductChooserViewSet
from .backoffice.forms import ProductForm
from .backoffice.listing import PagesColumn, ProductFilterSet, ThumbnailColumn, listing_queryset
from .backoffice.spreadsheet_views import IMPORT_PERMISSION, ImportView, export_view
from .models import OptionType, Product
from .services import COMMERCIAL_CHANGE_ACTION, field_label

for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_admin_urls")
def register_spreadsheet_urls():
    return [
        path("products/spreadsheet/", ImportView.as_view(), name="products_spreadsheet"),
        path("products/spreadsheet/export/<str:file_format>/", export_view, name="products_spreadsheet_export"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register(SHOP_MENU_HOOK)
def register_spreadsheet_menu_item():
    return PermissionMenuItem(
        _("Product spreadsheet"),
        reverse("products_spreadsheet"),
        name="product-spreadsheet",
        icon_name="table",
        order=31,
        permission=IMPORT_PERMISSION,
    )


@hooks.register("register_log_actions")
def register_product_log_actions(actions):
    @actions.register_action(COMMERCIAL_CHANGE_ACTION)
    class CommercialChange(LogFormatter):
        """'Price: 24.50 → 22.00; stock: 10 → 12' on the product's history."""

        label = _("Change price, stock or for sale")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            parts = [
                _("%(field)s: %(before)s → %(after)s") % {"field": field_label(field), "before": before, "after": after}
                for field, (before, after) in data.get("changes", {}).items()
            ]
            # A change of variants made in the product's form: "TS-RED-M stock: 10 → 12".
            parts += [
                _("%(sku)s %(field)s: %(before)s → %(after)s")
                % {"sku": sku, "field": field_label(field), "before": before, "after": after}
                for sku, changes in data.get("variants", {}).items()
                for field, (before, after) in changes.items()
            ]
            return _("Commercial change: %(changes)s") % {"changes": "; ".join(str(part) for part in parts)}


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Products")
    menu_name = "products"
    menu_order = 30
    menu_hook = SHOP_MENU_HOOK
    chooser_viewset_class = ProductChooserViewSet
    chooser_per_page = 25
    list_display = [
        "sku",
        ThumbnailColumn("thumbnail", label=_("Image")),
        "name",
        "price",
        "stock",
        BooleanColumn("for_sale", label=_("For sale")),
        PagesColumn("pages", label=_("Pages")),
    ]
    filterset_class = ProductFilterSet
    search_fields = ["sku", "name"]
    ordering = ["sku"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("sku"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("price"), FieldPanel("for_sale")]),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("sale_price"), FieldPanel("sale_starts_at"), FieldPanel("sale_ends_at")])],
                heading=_("Sale"),
            ),
            FieldRowPanel([FieldPanel("weight"), FieldPanel("tax_class")]),
            InlinePanel("variants", label=_("Variants"), min_num=1),
        ],
        base_form_class=ProductForm,
    )

    def get_queryset(self, request):
        return listing_queryset(request)


class OptionTypeViewSet(SnippetViewSet):
    model = OptionType
    icon = "list-ul"
    menu_label = _("Product options")
    menu_name = "product-options"
    menu_order = 31
    menu_hook = SHOP_MENU_HOOK
    list_display = ["name"]


register_snippet(ProductViewSet)
register_snippet(OptionTypeViewSet)
