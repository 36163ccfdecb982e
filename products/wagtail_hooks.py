"""The commercial records in the Wagtail admin: products with their variants, edited once for every language,
and the option types (Size, Colour) with their values, translated like any snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK

from .forms import ProductForm
from .models import OptionType, Product


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Products")
    menu_name = "products"
    menu_order = 30
    menu_hook = SHOP_MENU_HOOK
    list_display = ["sku", "name", "price", BooleanColumn("for_sale", label=_("For sale"))]
    list_filter = ["for_sale"]
    search_fields = ["sku", "name"]
    ordering = ["sku"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("sku"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("price"), FieldPanel("for_sale")]),
            InlinePanel("variants", label=_("Variants"), min_num=1),
        ],
        base_form_class=ProductForm,
    )


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
