"""The commercial records in the Wagtail admin: products, edited once for every language."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK

from .models import Product


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Products")
    menu_name = "products"
    menu_order = 30
    menu_hook = SHOP_MENU_HOOK
    list_display = ["sku", "name", "price", "stock", BooleanColumn("for_sale", label=_("For sale"))]
    list_filter = ["for_sale"]
    search_fields = ["sku", "name"]
    ordering = ["sku"]
    panels = [
        FieldRowPanel([FieldPanel("sku"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("stock"), FieldPanel("for_sale")]),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("tax_class")]),
    ]


register_snippet(ProductViewSet)
