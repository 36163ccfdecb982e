"""Tax rates in the Wagtail admin's "Shop" menu, for shop managers (model permissions on `checkout.taxrate`).
Registered as a snippet by `checkout/wagtail_hooks.py`."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK
from storefront.countries import country_names

from ..taxes.models import TaxRate


def _country(rate) -> str:
    return f"{country_names().get(rate.country, rate.country)} ({rate.country})"


class TaxRateViewSet(SnippetViewSet):
    model = TaxRate
    icon = "table"
    menu_label = _("Tax rates")
    menu_name = "tax-rates"
    menu_order = 72
    menu_hook = SHOP_MENU_HOOK
    list_display = [
        Column("country", label=_("Country"), accessor=_country),
        Column("tax_class", label=_("Tax class"), accessor="get_tax_class_display"),
        "rate",
    ]
    list_filter = ["tax_class"]
    search_fields = ["country"]
    ordering = ["country", "tax_class"]
    panels = [FieldRowPanel([FieldPanel("country"), FieldPanel("tax_class"), FieldPanel("rate")])]
