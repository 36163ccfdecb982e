"""The admin's screens of the commercial records, in the "Shop" menu: products with their variants (edited once
for every language), the option types (Size, Colour) with their values, and the entry of the product spreadsheet.
Registered by `products/wagtail_hooks.py`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK

from ..models import OptionType, Product
from .chooser import ProductChooserViewSet
from .forms import ProductForm
from .listing import PagesColumn, ProductFilterSet, ThumbnailColumn, listing_queryset
from .spreadsheet_views import IMPORT_PERMISSION


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


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def spreadsheet_menu_item():
    return PermissionMenuItem(
        _("Product spreadsheet"),
        reverse("products_spreadsheet"),
        name="product-spreadsheet",
        icon_name="table",
        order=31,
        permission=IMPORT_PERMISSION,
    )
