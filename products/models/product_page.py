"""`ProductPage`: the editorial face of a `Product` in one locale, with its gallery; every translation points at
the same `Product` through a `SynchronizedField` a translator cannot override."""

import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from storefront import page_cache
from storefront.page_fragments import FragmentedPageMixin, deferred

from ..blocks import ContentStreamBlock
from ..renditions import renditions_or_none
from ..variant_picker import options_label, variant_options
from .product import Product

GALLERY_RENDITION = "max-960x960"
THUMBNAIL_RENDITION = "fill-120x120"
GALLERY_TTL = 3600


class HasListingImage:
    @cached_property
    def listing_image(self):
        gallery = list(self.gallery_images.all())
        return gallery[0].image if gallery else None


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
