"""The catalog: one commercial `Product` per thing sold, and its editorial pages in every locale.

`Product` is the commercial truth (code, base price, sale price and window, for sale, weight, tax class) with its
variants (`products.variants`: SKU, stock, optional price and weight). None has a locale or is translatable.
Each `ProductPage` translation points at the same `Product` row through a `SynchronizedField` that a
translator cannot override, so a price or stock change is one UPDATE seen in every language at once, and
no commercial value ever becomes a segment in wagtail-localize.
"""

import re
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from storefront import page_cache
from storefront.page_fragments import FragmentedPageMixin, deferred

from .blocks import ContentStreamBlock
from .renditions import renditions_or_none
from .signals import products_changed
from .variant_picker import options_label, variant_options
from .variants import OptionType, OptionValue, ProductVariant, variant_labels, variant_title

__all__ = ["OptionType", "OptionValue", "ProductVariant", "products_changed", "variant_labels", "variant_title"]

LISTING_RENDITION = "fill-480x480"
GALLERY_RENDITION = "max-960x960"
THUMBNAIL_RENDITION = "fill-120x120"
PRODUCTS_PER_PAGE = 24
GALLERY_TTL = 3600

SALE_FIELDS = frozenset({"sale_price", "sale_starts_at", "sale_ends_at"})
COMMERCIAL_FIELDS = frozenset({"price", "for_sale"}) | SALE_FIELDS


def on_sale_condition(prefix="", moment=None) -> Q:
    """The database's "on sale at `moment`" (default now), for the product at `prefix` ("product__" from a page).
    The same rule as `Product.on_sale_at`."""
    moment = moment or timezone.now()
    return (
        Q(**{f"{prefix}sale_price__isnull": False, f"{prefix}sale_price__lt": F(f"{prefix}price")})
        & (Q(**{f"{prefix}sale_starts_at__isnull": True}) | Q(**{f"{prefix}sale_starts_at__lte": moment}))
        & (Q(**{f"{prefix}sale_ends_at__isnull": True}) | Q(**{f"{prefix}sale_ends_at__gt": moment}))
    )


def price_in_force_expression(prefix="", moment=None):
    """The price in force as a database expression, to sort by what shoppers pay (`Product.price_at`)."""
    return Case(
        When(on_sale_condition(prefix, moment), then=F(f"{prefix}sale_price")),
        default=F(f"{prefix}price"),
        output_field=models.DecimalField(max_digits=10, decimal_places=2),
    )


class TaxClass(models.TextChoices):
    """How a thing is taxed, whatever the country: each country's rate per class is `checkout.taxes.models.TaxRate`.
    Products and shipping methods each name one."""

    STANDARD = "standard", _("Standard rate")
    REDUCED = "reduced", _("Reduced rate")
    ZERO = "zero", _("Zero rate")


class ProductQuerySet(models.QuerySet):
    def without_page_in(self, language_code, *, translated=False):
        """Products with no page in the language; with `translated`, an alias (an untranslated copy) is no page."""
        pages = ProductPage.objects.filter(locale__language_code=language_code)
        if translated:
            pages = pages.filter(alias_of__isnull=True)
        return self.exclude(pk__in=pages.values("product_id"))

    def update(self, **kwargs):
        """Django's `update()`, announcing the products whose commercial fields it changed (`products_changed`)."""
        if not COMMERCIAL_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        rows = super().update(**kwargs)
        if pks:
            products_changed.send(sender=Product, pks=pks)
        return rows


class Product(ClusterableModel):
    """What is sold, whatever the language: its code, base price and "for sale", and one or more variants.

    Stock lives only on the variants (`ProductVariant`), which are what carts, orders and refunds count; the
    product's price is what a variant without its own price costs. Price ≥ 0 is a constraint."""

    sku = models.CharField(
        _("product code"),
        max_length=64,
        unique=True,
        help_text=_("Unique in the shop. A product with one variant usually shares it with its variant's SKU."),
    )
    name = models.CharField(
        _("internal name"), max_length=255, help_text=_("For shop managers; shoppers see the page title.")
    )
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The price of every variant without a price of its own."),
    )
    for_sale = models.BooleanField(_("for sale"), default=True, help_text=_("Untick to stop selling it everywhere."))
    weight = models.PositiveIntegerField(
        _("weight (g)"), default=0, help_text=_("Shipping weight of one unit in grams, packaging included.")
    )
    tax_class = models.CharField(
        _("tax class"),
        max_length=16,
        choices=TaxClass.choices,
        default=TaxClass.STANDARD,
        help_text=_("Which of the destination country's tax rates applies (Shop → Tax rates)."),
    )
    sale_price = models.DecimalField(
        _("sale price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Charged instead of the price during the sale, with the price shown struck through."),
    )
    sale_starts_at = models.DateTimeField(
        _("sale starts"), null=True, blank=True, help_text=_("Leave empty for a sale that is on from now.")
    )
    sale_ends_at = models.DateTimeField(
        _("sale ends"), null=True, blank=True, help_text=_("Leave empty for a sale without an end.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sku"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative"),
            models.CheckConstraint(
                condition=Q(sale_price__isnull=True) | Q(sale_price__gte=0), name="product_sale_price_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.sku} — {self.name}"

    def clean(self):
        super().clean()
        errors = {}
        if self.sale_price is not None and self.price is not None and self.sale_price >= self.price:
            errors["sale_price"] = _("The sale price must be lower than the price.")
        if (self.sale_starts_at or self.sale_ends_at) and self.sale_price is None:
            errors["sale_price"] = _("Enter the sale price of this sale window.")
        if self.sale_starts_at and self.sale_ends_at and self.sale_ends_at <= self.sale_starts_at:
            errors["sale_ends_at"] = _("The sale must end after it starts.")
        if errors:
            raise ValidationError(errors)

    # --- The price in force: the one rule for pages, cart, order, Stripe and invoice ---------------------------
    def on_sale_at(self, moment=None) -> bool:
        """Whether the sale price is in force at `moment` (default now): set, lower than the price, in its window."""
        moment = moment or timezone.now()
        return (
            self.sale_price is not None
            and self.sale_price < self.price
            and (self.sale_starts_at is None or self.sale_starts_at <= moment)
            and (self.sale_ends_at is None or moment < self.sale_ends_at)
        )

    def price_at(self, moment=None) -> Decimal:
        """What a shopper pays for one unit at `moment` (default now): the sale price in its window, else the price."""
        return self.sale_price if self.on_sale_at(moment) else self.price

    @cached_property
    def current_price(self) -> Decimal:
        """The price in force now (kept for the rest of this object's life: one request, one order)."""
        return self.price_at()

    @property
    def regular_price(self) -> Decimal:
        """The price struck through during a sale (as `ProductVariant.regular_price`)."""
        return self.price

    @property
    def on_sale(self) -> bool:
        return self.current_price != self.price

    @property
    def saving(self) -> Decimal:
        """How much less than the price a shopper pays now (0 when not on sale)."""
        return self.price - self.current_price

    def price_valid_until(self, moment=None):
        """When the price in force at `moment` next changes by the calendar (a sale's start or end), or None."""
        moment = moment or timezone.now()
        if self.sale_price is None or self.sale_price >= self.price:
            return None
        if self.sale_starts_at and moment < self.sale_starts_at:
            return self.sale_starts_at
        if self.sale_ends_at and moment < self.sale_ends_at:
            return self.sale_ends_at
        return None

    def add_default_variant(self, stock: int = 0) -> ProductVariant:
        """Create the one variant of a product without options: the product's SKU, `stock` units, its price."""
        return ProductVariant.objects.create(product=self, sku=self.sku, stock=stock)

    @property
    def variant_list(self) -> list[ProductVariant]:
        """The variants in their admin order (the prefetched ones when `variants` was prefetched)."""
        return list(self.variants.all())

    @property
    def default_variant(self) -> ProductVariant | None:
        """The first variant: the one a product without options sells."""
        variants = self.variant_list
        return variants[0] if variants else None

    @property
    def has_options(self) -> bool:
        return len(self.variant_list) > 1

    @property
    def stock(self) -> int:
        """Units in stock over the variants for sale (read-only: stock is changed on a variant)."""
        return sum(variant.stock for variant in self.variant_list if variant.for_sale)

    @property
    def shipping_weight(self) -> int:
        """Grams one unit weighs for shipping (what a variant without a weight of its own weighs)."""
        return self.weight

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def available(self) -> bool:
        """Whether a shopper can buy at least one of its variants right now."""
        return self.for_sale and self.stock > 0

    def page_for_locale(self, locale=None):
        """The live page shoppers see for this product in `locale` (default: the active one), or None."""
        locale = locale or Locale.get_active()
        return ProductPage.objects.live().filter(product=self, locale=locale).first()


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


def in_stock_products():
    """Products for sale with at least one variant for sale in stock."""
    return Product.objects.filter(for_sale=True).filter(
        Exists(ProductVariant.objects.in_stock().filter(product=OuterRef("pk")))
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


class HasListingImage:
    @cached_property
    def listing_image(self):
        gallery = list(self.gallery_images.all())
        return gallery[0].image if gallery else None


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


class ProductPage(FragmentedPageMixin, HasListingImage, Page):
    """The editorial face of a `Product` in one locale; every translation shares the same `Product`."""

    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("The commercial record: its SKU, price and stock are shared by the page in every language."),
    )
    short_description = models.TextField(_("short description"), max_length=500)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("product"),
                FieldRowPanel(
                    [FieldPanel("product_sku", heading=_("SKU")), FieldPanel("product_price", heading=_("Price"))]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("product_stock", heading=_("Stock")),
                        FieldPanel("product_for_sale", heading=_("For sale")),
                    ]
                ),
            ],
            heading=_("Product"),
            help_text=_(
                "Price, stock and for sale belong to the product: a change applies at once, in every language, "
                "even when the page is only saved as a draft."
            ),
        ),
        FieldPanel("short_description"),
        InlinePanel("gallery_images", label=_("Gallery")),
        FieldPanel("body"),
    ]
    promote_panels = [
        MultiFieldPanel([FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")], _("SEO")),
    ]
    override_translatable_fields = [SynchronizedField("product", overridable=False)]
    routing_select_related = ["product"]  # fetched with the page by `storefront.routing`
    shared_with_shoppers = True  # its "bought together" follows the product, not the cart
    search_fields = Page.search_fields + [
        index.SearchField("short_description"),
        index.SearchField("body"),
        index.SearchField("category_title"),
        index.SearchField("sku_terms"),
        index.RelatedFields("product", [index.FilterField("for_sale")]),
        index.FilterField("product"),
        index.FilterField("locale_id"),
        index.FilterField("alias_of"),
    ]
    parent_page_types = ["products.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("product page")
        verbose_name_plural = _("product pages")

    def save(self, *args, **kwargs):
        """A page added with a new product (the one-step form) saves the product first, in the same transaction."""
        product = self._state.fields_cache.get("product")
        if product is not None and product._state.adding:
            with transaction.atomic():
                product.save()
                # Its one variant (the one-step form's stock, kept on the unsaved product as `opening_stock`).
                product.add_default_variant(stock=getattr(product, "opening_stock", 0))
                self.product = product
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.product_id and self.locale_id:
            clash = ProductPage.objects.filter(product_id=self.product_id, locale_id=self.locale_id).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"product": _("This product already has a page in this language.")})

    @property
    def category(self):
        return self.get_parent()

    def category_title(self):
        """Indexed, so that a search for a category's name finds its products."""
        parent = self.get_parent()
        return parent.title if parent else ""

    def sku_terms(self):
        """Indexed: the product's code and every variant's SKU as written, split at their separators and run
        together ("KET-1 KET 1 KET1")."""
        terms = []
        for sku in [self.product.sku, *self.product.variants.values_list("sku", flat=True)]:
            parts = [part for part in re.split(r"[\W_]+", sku) if part]
            terms += [sku, " ".join(parts), "".join(parts)]
        return " ".join(dict.fromkeys(terms))

    def variant_choices(self):
        """[(variant, label in the active language)] of the product's variants for sale, in their admin order,
        with their images' renditions and their options (`picked_options`, which the picker reuses): one query for a
        product without options or images, five at most whatever the number of variants."""
        images = get_image_model().objects.prefetch_renditions(GALLERY_RENDITION)
        variants = list(
            self.product.variants.filter(for_sale=True)
            .select_related("product")
            .annotate(option_count=Count("option_values"))
            .prefetch_related(Prefetch("image", queryset=images))
        )
        with_options = [variant for variant in variants if variant.option_count]
        options = variant_options(with_options) if with_options else {}
        for variant in variants:
            variant.picked_options = options.get(variant.pk, [])  # for the picker (`variant_picker.build_picker`)
        return [(variant, options_label(variant.picked_options)) for variant in variants]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The body (its product cards and "bought together" suggestions show prices) is kept BODY_TTL seconds and
        # redone at once when a page is published, unpublished or moved or a product's price or stock changes.
        context["fragment_version"] = deferred(lambda: page_cache.fragment_versions("content", "products"))
        # Computed only if the page's content and head are rendered (`storefront.page_fragments`).
        context["variants"] = variants = deferred(self.variant_choices)
        context["chosen"] = chosen = deferred(lambda: self._chosen_variant(request, variants))
        context["shown_variant"] = deferred(lambda: chosen or (variants[0][0] if variants else None))
        context["gallery"] = deferred(lambda: self._gallery_for(request))
        return context

    def _chosen_variant(self, request, variants):
        """The variant offered first: the one linked (`?variant=`, as in the JSON-LD offers) or the first in
        stock; None when nothing can be bought."""
        in_stock = [variant for variant, _label in variants if variant.stock > 0]
        linked = [variant for variant in in_stock if str(variant.pk) == request.GET.get("variant")]
        in_stock = linked + in_stock
        return in_stock[0] if in_stock and self.product.for_sale else None

    def _gallery_for(self, request):
        if getattr(request, "is_preview", False):
            return self.get_gallery()
        # Kept until a page is published, unpublished or moved or an image changes (the "content" version).
        key = f"gallery:{page_cache.fragment_versions('content')}:{self.pk}:{self.latest_revision_id}"
        gallery = cache.get(key)
        if gallery is None:
            gallery = self.get_gallery()
            cache.set(key, gallery, GALLERY_TTL)
        return gallery

    def get_gallery(self):
        """The gallery's images with their renditions made and attached (kept with the image when cached), in order
        (three queries once made); an image whose original file is missing is left out (`products.renditions`)."""
        images = get_image_model().objects.prefetch_renditions(GALLERY_RENDITION, THUMBNAIL_RENDITION)
        gallery = self.gallery_images.order_by("sort_order").prefetch_related(Prefetch("image", queryset=images))
        return [item for item in gallery if renditions_or_none(item.image, GALLERY_RENDITION, THUMBNAIL_RENDITION)]


class ProductGalleryImage(TranslatableMixin, Orderable):
    """An image of a product with its caption and alt text, translated with the page."""

    page = ParentalKey(ProductPage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
