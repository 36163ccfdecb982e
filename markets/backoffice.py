"""Markets, exchange rates and prices per market in the admin's "Shop" menu, for shop managers (model permissions
on `markets.market`, `markets.exchangerate` and `markets.variantprice`, which the Shop managers group has).

`wagtail_hooks.py` registers these viewsets; nothing else lives there. A market is translated like any
wagtail-localize snippet ("Translate" on the English market); its translations carry only the name. A rate saved
here, new or edited, is a manual override recorded with who made it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet

from storefront.admin_menu import SHOP_MENU_HOOK
from storefront.countries import country_names, sorted_by_name

from .models import ExchangeRate, ExchangeRateSource, Market, VariantPrice


class MarketForm(WagtailAdminModelForm):
    """The market's countries picked by name from the CLDR list rather than typed as codes."""

    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        choices=lambda: sorted_by_name(country_names()),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to pick several. A country belongs to one market at most."),
    )

    class Meta:
        model = Market
        fields = [
            "name",
            "code",
            "countries",
            "currency",
            "default_language",
            "prices_include_tax",
            "pricing",
            "rounding",
            "is_default",
        ]


def _country_list(market) -> str:
    names = country_names()
    return ", ".join(names.get(code, code) for code in market.countries)


class MarketViewSet(SnippetViewSet):
    model = Market
    icon = "globe"
    menu_label = _("Markets")
    menu_name = "markets"
    menu_order = 75
    menu_hook = SHOP_MENU_HOOK
    list_display = [
        "name",
        "currency",
        Column("countries", label=_("Countries"), accessor=_country_list),
        Column("pricing", label=_("Pricing"), accessor="get_pricing_display"),
        BooleanColumn("is_default", label=_("Default market")),
    ]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("code"), FieldPanel("is_default")]),
            FieldPanel("countries"),
            FieldRowPanel([FieldPanel("currency"), FieldPanel("default_language"), FieldPanel("prices_include_tax")]),
            MultiFieldPanel([FieldRowPanel([FieldPanel("pricing"), FieldPanel("rounding")])], heading=_("Prices")),
        ],
        base_form_class=MarketForm,
    )


class ExchangeRateForm(WagtailAdminModelForm):
    """Whatever a shop manager saves is their override: its source becomes "manual", with their name."""

    class Meta:
        model = ExchangeRate
        fields = ["currency", "rate", "date"]

    def save(self, commit=True):
        self.instance.source = ExchangeRateSource.MANUAL
        self.instance.overridden_by = self.for_user
        return super().save(commit=commit)


def _overridden_by(rate) -> str:
    user = rate.overridden_by
    return (user.get_full_name() or user.get_username()) if user is not None else "—"


class ExchangeRateViewSet(SnippetViewSet):
    model = ExchangeRate
    icon = "table"
    menu_label = _("Exchange rates")
    menu_name = "exchange-rates"
    menu_order = 76
    menu_hook = SHOP_MENU_HOOK
    list_display = [
        "currency",
        "rate",
        "date",
        Column("source", label=_("Source"), accessor="get_source_display"),
        Column("overridden_by", label=_("Overridden by"), accessor=_overridden_by),
    ]
    list_filter = ["currency", "source"]
    ordering = ["-date", "currency"]
    edit_handler = ObjectList(
        [FieldRowPanel([FieldPanel("currency"), FieldPanel("rate"), FieldPanel("date")])],
        base_form_class=ExchangeRateForm,
    )

    def get_queryset(self, request):
        return ExchangeRate.objects.select_related("overridden_by")


class VariantPriceViewSet(SnippetViewSet):
    model = VariantPrice
    icon = "tag"
    menu_label = _("Prices in markets")
    menu_name = "market-prices"
    menu_order = 77
    menu_hook = SHOP_MENU_HOOK
    list_display = ["variant", "market", "price", "sale_price"]
    list_filter = ["market"]
    search_fields = ["variant__sku"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("market"), FieldPanel("variant")]),
            FieldRowPanel([FieldPanel("price"), FieldPanel("sale_price")]),
        ]
    )

    def get_queryset(self, request):
        return VariantPrice.objects.select_related("market", "variant__product")
