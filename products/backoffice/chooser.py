"""The product chooser of `ProductPage`: search by SKU or name, "without a page in" a language, price and stock
shown, and a new product made from the modal. Products are not indexed by Wagtail's search, so the search is a
database lookup (SKU prefixes and name words), fast enough for the thousands of products of a shop."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetCreateView


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


class ProductChooserCreateView(SnippetCreateView):
    def save_form(self, form):
        product = form.save()
        log(product, "wagtail.create", user=self.request.user)
        return product


class ProductChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    create_view_class = ProductChooserCreateView
    form_fields = ["sku", "name", "price", "stock", "for_sale"]
    create_action_label = _("Create and choose")
