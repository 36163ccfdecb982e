"""The admin's product listing: a thumbnail, each language's page with its state, and the catalog's filters.

A page of the listing costs a constant number of queries however many products and languages it shows: the
pages, their gallery images and the thumbnails' renditions are prefetched for the whole page of products.
"""

import django_filters
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale

from .. import inventory
from ..models import (
    THUMBNAIL_RENDITION,
    Product,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
    listing_image_prefetch,
)
from ..renditions import rendition_or_none

LIVE, DRAFT, MISSING = "live", "draft", "missing"
PAGE_STATES = {LIVE: _("live"), DRAFT: _("draft"), MISSING: _("missing")}


def listing_queryset(request=None):
    """Products with their variants (their stock), their pages in every language, each page's gallery and the
    thumbnails' renditions."""
    pages = (
        ProductPage.objects.defer_streamfields()
        .select_related("locale")
        .order_by("pk")
        .prefetch_related(listing_image_prefetch(THUMBNAIL_RENDITION))
    )
    return Product.objects.prefetch_related("variants", Prefetch("pages", queryset=pages))


def page_state(page) -> str:
    """A language's page as the listing tells it: live, draft (never published) or missing (none, or an alias)."""
    if page is None or page.alias_of_id:
        return MISSING
    return LIVE if page.live else DRAFT


def default_page(product, default_locale):
    """The product's page in the default language, else its first page: where the thumbnail comes from."""
    pages = list(product.pages.all())
    return next((page for page in pages if page.locale_id == default_locale.pk), pages[0] if pages else None)


class ThumbnailColumn(Column):
    cell_template_name = "products/backoffice/thumbnail_cell.html"

    @cached_property
    def default_locale(self):
        return Locale.get_default()

    def get_value(self, instance):
        page = default_page(instance, self.default_locale)
        image = page.listing_image if page else None
        return rendition_or_none(image, THUMBNAIL_RENDITION) if image else None


class PagesColumn(Column):
    """One link per language to the product's page in the page editor, with its state (live, draft, missing)."""

    cell_template_name = "products/backoffice/pages_cell.html"

    @cached_property
    def locales(self):
        return list(Locale.objects.order_by("pk"))

    def get_value(self, instance):
        pages = {page.locale_id: page for page in instance.pages.all()}
        rows = []
        for locale in self.locales:
            page = pages.get(locale.pk)
            state = page_state(page)
            rows.append(
                {
                    "language": locale.language_code,
                    "language_name": locale.get_display_name(),
                    "state": state,
                    "state_label": PAGE_STATES[state],
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else None,
                }
            )
        return rows


def _categories():
    return ProductIndexPage.objects.filter(locale=Locale.get_default()).order_by("path")


class ProductFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=lambda request: _categories(), method="filter_category"
    )
    in_stock = django_filters.BooleanFilter(label=_("In stock"), method="filter_in_stock")
    for_sale = django_filters.BooleanFilter(label=_("For sale"))
    missing_translation = django_filters.ChoiceFilter(
        label=_("Missing a translation in"),
        choices=lambda: [(lc.language_code, lc.get_display_name()) for lc in Locale.objects.order_by("pk")],
        method="filter_missing_translation",
    )

    class Meta:
        model = Product
        fields = []

    def filter_category(self, queryset, name, value):
        in_category = ProductPage.objects.descendant_of(value).values("product_id")
        return queryset.filter(pk__in=in_category)

    def filter_in_stock(self, queryset, name, value):
        in_stock = Exists(inventory.in_stock(ProductVariant.objects.all()).filter(product=OuterRef("pk")))
        return queryset.filter(in_stock) if value else queryset.exclude(in_stock)

    def filter_missing_translation(self, queryset, name, value):
        return queryset.without_page_in(value, translated=True)
