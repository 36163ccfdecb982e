"""Shipping zones and methods in the Wagtail admin's "Shop" menu, for shop managers (model permissions on
`checkout.shippingzone` and `checkout.shippingmethod`, which the Shop managers group has). Registered as snippets by
`checkout/wagtail_hooks.py`.

A method is translated like any wagtail-localize snippet ("Translate" on the English method); its translations
carry only the name and the description.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK
from storefront.countries import country_names, sorted_by_name
from storefront.money import format_money

from ..shipping.models import ShippingMethod, ShippingZone


class ShippingZoneForm(WagtailAdminModelForm):
    """The zone's countries picked by name from the CLDR list rather than typed as codes."""

    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=lambda: sorted_by_name(country_names()),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to pick several. A country belongs to one zone at most."),
    )

    class Meta:
        model = ShippingZone
        fields = ["name", "countries"]


def _country_list(zone) -> str:
    names = country_names()
    return ", ".join(names.get(code, code) for code in zone.countries)


class ShippingZoneViewSet(SnippetViewSet):
    model = ShippingZone
    icon = "globe"
    menu_label = _("Shipping zones")
    menu_name = "shipping-zones"
    menu_order = 70
    menu_hook = SHOP_MENU_HOOK
    list_display = ["name", Column("countries", label=_("Countries"), accessor=_country_list)]
    search_fields = ["name"]
    edit_handler = ObjectList([FieldPanel("name"), FieldPanel("countries")], base_form_class=ShippingZoneForm)


def _price(method) -> str:
    return format_money(method.price)


def _free_from(method) -> str:
    return format_money(method.free_from) if method.free_from is not None else "—"


class ShippingMethodViewSet(SnippetViewSet):
    model = ShippingMethod
    icon = "pick"
    menu_label = _("Shipping methods")
    menu_name = "shipping-methods"
    menu_order = 71
    menu_hook = SHOP_MENU_HOOK
    list_display = [
        "name",
        "zone",
        Column("price", label=_("Price"), accessor=_price),
        Column("free_from", label=_("Free from"), accessor=_free_from),
        BooleanColumn("active", label=_("Active")),
    ]
    list_filter = ["zone", "active"]
    search_fields = ["name"]
