"""The catalog: one commercial `Product` per thing sold, and its editorial pages in every locale.

`Product` is the commercial truth (code, base price, sale price and window, for sale, weight, tax class) with its
variants (`products.variants`: SKU, stock, optional price and weight). None has a locale or is translatable.
Each `ProductPage` translation points at the same `Product` row through a `SynchronizedField` that a
translator cannot override, so a price or stock change is one UPDATE seen in every language at once, and
no commercial value ever becomes a segment in wagtail-localize.

Split by idea: `product` (the commercial record and its sale rule), `product_page` (the page and its gallery),
`category` (categories and the listing queries). Everything is importable from `products.models`, as Django,
the migrations and the other apps expect.
"""

from ..signals import products_changed
from ..variants import OptionType, OptionValue, ProductVariant, variant_labels, variant_title
from .category import (
    LISTING_RENDITION,
    PRODUCTS_PER_PAGE,
    CachedCountPaginator,
    ProductIndexPage,
    cards_for_products,
    listed_product_pages,
    listing_image_prefetch,
    with_variant_summary,
)
from .product import (
    COMMERCIAL_FIELDS,
    SALE_FIELDS,
    Product,
    ProductQuerySet,
    TaxClass,
    on_sale_condition,
    price_in_force_expression,
)
from .product_page import (
    GALLERY_RENDITION,
    GALLERY_TTL,
    THUMBNAIL_RENDITION,
    HasListingImage,
    ProductGalleryImage,
    ProductPage,
)

__all__ = [
    "COMMERCIAL_FIELDS",
    "GALLERY_RENDITION",
    "GALLERY_TTL",
    "LISTING_RENDITION",
    "PRODUCTS_PER_PAGE",
    "SALE_FIELDS",
    "THUMBNAIL_RENDITION",
    "CachedCountPaginator",
    "HasListingImage",
    "OptionType",
    "OptionValue",
    "Product",
    "ProductGalleryImage",
    "ProductIndexPage",
    "ProductPage",
    "ProductQuerySet",
    "ProductVariant",
    "TaxClass",
    "cards_for_products",
    "listed_product_pages",
    "listing_image_prefetch",
    "on_sale_condition",
    "price_in_force_expression",
    "products_changed",
    "variant_labels",
    "variant_title",
    "with_variant_summary",
]
