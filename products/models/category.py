"""Categories and the listings of product pages: `ProductIndexPage`, what a card shows of its product's variants,
and the queries every listing (category, search, suggestions, recommendations) builds on."""

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search import index

from storefront import page_cache
from storefront.page_fragments import FragmentedPageMixin, deferred

from ..variants import ProductVariant
from .product import price_in_force_expression
from .product_page import ProductGalleryImage, ProductPage

LISTING_RENDITION = "fill-480x480"
PRODUCTS_PER_PAGE = 24


def with_variant_summary(queryset, prefix="product__"):
    """Annotate product pages (prefix "product__") or products (prefix "") with what a card shows about their
    variants for sale: `min_price`, `max_price` (a "from" price when they differ), `stock_total` (out of stock
    only when every variant is), `variant_count` and `first_variant_id` (the one a card's button adds when there
    is no choice to make). Subqueries, so no query per product or variant."""
    product_ref = OuterRef(f"{prefix}pk" if prefix else "pk")
    variants = ProductVariant.objects.filter(product=product_ref, for_sale=True)
    grouped = variants.order_by().values("product")
    # A variant's price in force: its own price, else its product's price in force (the product's sale applies
    # to the product's base price only, never to a variant's own price).
    price = Coalesce("price", price_in_force_expression("product__"))
    return queryset.annotate(
        min_price=Subquery(grouped.annotate(v=Min(price)).values("v")[:1]),
        max_price=Subquery(grouped.annotate(v=Max(price)).values("v")[:1]),
        stock_total=Coalesce(Subquery(grouped.annotate(v=Sum("stock")).values("v")[:1]), 0),
        variant_count=Coalesce(Subquery(grouped.annotate(v=Count("pk")).values("v")[:1]), 0),
        first_variant_id=Subquery(variants.order_by("sort_order", "pk").values("pk")[:1]),
    )


def listing_image_prefetch(rendition=LISTING_RENDITION):
    """Prefetch a page's gallery with the images and the renditions a listing needs: three queries in all."""
    images = get_image_model().objects.prefetch_renditions(rendition)
    return Prefetch(
        "gallery_images",
        queryset=ProductGalleryImage.objects.order_by("sort_order").prefetch_related(
            Prefetch("image", queryset=images)
        ),
    )


def listed_product_pages(locale):
    """Product pages a shopper may see listed in `locale`: live, translated (not an alias), for sale; annotated
    with their variants' summary (`with_variant_summary`) for the cards. Their pictures are fetched by
    `shop_tags.product_card_list`, for the cards it has to render (`listing_image_prefetch`)."""
    pages = (
        ProductPage.objects.live()
        .filter(locale=locale, alias_of__isnull=True, product__for_sale=True)
        .select_related("product")
    )
    return with_variant_summary(pages)


class CachedCountPaginator(Paginator):
    """Django's paginator, its count kept in the cache under `cache_key`, which the caller makes stale whenever the
    count may change. Counting a big category's pages is most of the work of rendering it: 10,000 pages joined to
    their products, where showing 24 of them takes an index scan."""

    COUNT_TTL = 10 * 60

    def __init__(self, object_list, per_page, *, cache_key):
        super().__init__(object_list, per_page)
        self.cache_key = cache_key

    @cached_property
    def count(self):
        count = cache.get(self.cache_key)
        if count is None:
            count = super().count
            cache.set(self.cache_key, count, self.COUNT_TTL)
        return count


def cards_for_products(products, locale=None):
    """Cards (product + its page in `locale`) for chosen products, in the given order; a constant number of queries."""
    locale = locale or Locale.get_active()
    pages = {
        page.product_id: page
        for page in listed_product_pages(locale).filter(product__in=[p.pk for p in products]).defer_streamfields()
    }
    return [pages[p.pk] for p in products if p.pk in pages]


class ProductIndexPage(FragmentedPageMixin, Page):
    """A category: lists the live products of itself and of its subcategories, 24 to a page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "products.ProductIndexPage"]
    subpage_types = ["products.ProductIndexPage", "products.ProductPage"]

    shared_with_shoppers = True  # nothing of the shopper's on it but the header's cart

    SORTS = {
        "newest": ("-first_published_at", "-pk"),
        "price": ("min_price", "pk"),
        "-price": ("-min_price", "pk"),
        "name": ("title", "pk"),
    }

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_products(self, sort="newest", in_stock=False):
        pages = listed_product_pages(self.locale).descendant_of(self).defer_streamfields()
        if in_stock:
            pages = pages.filter(stock_total__gt=0)
        return pages.order_by(*self.SORTS.get(sort, self.SORTS["newest"]))

    def _listing(self, request, sort, in_stock):
        """The page of products asked for (the last one past the end, the first for a page that is no number)."""
        # The count changes only with the category's own products (their publication, price, stock, "for sale"),
        # each of which purges the category's address (`products.cache`): kept under its version, an order for a
        # product of another category leaves it.
        count_key = page_cache.path_key(request, f"listing-count:{self.pk}:{int(in_stock)}")
        paginator = CachedCountPaginator(self.get_products(sort, in_stock), PRODUCTS_PER_PAGE, cache_key=count_key)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sort = request.GET.get("sort", "newest")
        if sort not in self.SORTS:
            sort = "newest"
        in_stock = request.GET.get("in_stock") == "1"
        context.update(
            # Counted and fetched only if the listing is rendered (`storefront.page_fragments`).
            products=deferred(lambda: self._listing(request, sort, in_stock)),
            sort=sort,
            in_stock=in_stock,
            subcategories=self.get_children().live().type(ProductIndexPage).filter(alias_of__isnull=True),
            sort_choices=[
                ("newest", _("Newest")),
                ("price", _("Price: low to high")),
                ("-price", _("Price: high to low")),
                ("name", pgettext_lazy("sort order", "Name")),
            ],
        )
        return context
