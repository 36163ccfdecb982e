"""The product chooser of `ProductPage`: search by SKU or name, "without a page in" a language, price and stock
shown, and a new product made from the modal. Products are not indexed by Wagtail's search, so the search is a
database lookup (SKU prefixes and name words), fast enough for the thousands of products of a shop."""

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetCreateView

from ..models import Product, ProductVariant


class ProductFilterForm(BaseFilterForm):
    """Narrows the chooser's list: a search term matched in the SKU or the name, and a language without a page."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("SKU or name")}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["without_page_in"] = forms.ChoiceField(
            label=_("Without a page in"),
            choices=[
                ("", _("Any language")),
                *((lc.language_code, lc.get_display_name()) for lc in Locale.objects.all()),
            ],
            required=False,
            widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
        )

    def filter(self, objects):
        if query := self.cleaned_data.get("q", "").strip():
            self.is_searching, self.search_query = True, query
            objects = objects.filter(Q(sku__icontains=query) | Q(name__icontains=query))
        if language := self.cleaned_data.get("without_page_in"):
            objects = objects.without_page_in(language)
        return super().filter(objects)


class ProductChooseMixin:
    filter_form_class = ProductFilterForm

    def get_object_list(self):
        return super().get_object_list().prefetch_related("variants")  # the stock column, without a query per row

    @property
    def columns(self):
        return [
            self.title_column,
            Column("price", label=_("Price")),
            Column("stock", label=_("Stock")),
            BooleanColumn("for_sale", label=_("For sale")),
        ]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductCreationForm(WagtailAdminModelForm):
    """A new product and the stock of its one variant (which shares its SKU)."""

    stock = ProductVariant._meta.get_field("stock").formfield(required=False)

    class Meta:
        model = Product
        fields = ["sku", "name", "price", "for_sale"]

    def clean_sku(self):
        sku = self.cleaned_data["sku"]
        # A product's own SKU taken is said by the model form; a variant's (of another product) here.
        if not Product.objects.filter(sku=sku).exists() and ProductVariant.objects.filter(sku=sku).exists():
            raise forms.ValidationError(_("A variant already has this SKU."))
        return sku


class ProductChooserCreateView(SnippetCreateView):
    def save_form(self, form):
        """The product with its one (default) variant, sharing its SKU, with the stock entered."""
        with transaction.atomic():
            product = form.save()
            product.add_default_variant(stock=form.cleaned_data.get("stock") or 0)
        log(product, "wagtail.create", user=self.request.user)
        return product


class ProductChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    create_view_class = ProductChooserCreateView
    creation_form_class = ProductCreationForm
    create_action_label = _("Create and choose")
