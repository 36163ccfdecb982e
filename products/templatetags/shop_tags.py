"""Product template tags: prices in the shopper's language and a product's schema.org data."""

import hashlib
import json
from datetime import timedelta

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from products.models import GALLERY_RENDITION, listing_image_prefetch
from products.renditions import rendition_or_none
from products.variants import variant_title
from storefront import page_cache
from storefront.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=None):
    """`{{ product.price|money }}` → '$12.50' in English, '12,50 US$' in Spanish."""
    if amount in (None, ""):
        return ""
    return format_money(amount, currency or None)


LOW_STOCK = 5


@register.simple_tag
def stock_badge(stock, for_sale=True) -> dict:
    """{"css": "stock--in", "text": "In stock"} for `stock` units, in the active language: the one wording of
    a stock badge, whether the server renders it or `js/shop.js` switches it for a chosen variant."""
    if not for_sale:
        return {"css": "stock--out", "text": gettext("Not available")}
    if stock <= 0:
        return {"css": "stock--out", "text": gettext("Out of stock")}
    if stock < LOW_STOCK:
        return {
            "css": "stock--low",
            "text": ngettext("Only %(counter)s left", "Only %(counter)s left", stock) % {"counter": stock},
        }
    return {"css": "stock--in", "text": gettext("In stock")}


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _availability(for_sale: bool, stock: int) -> str:
    if not for_sale:
        return "https://schema.org/Discontinued"
    return "https://schema.org/InStock" if stock > 0 else "https://schema.org/OutOfStock"


@register.simple_tag(takes_context=True)
def product_jsonld(context, page):
    """schema.org data for search engines, safe to embed whatever editors typed: a `Product` with its `Offer` for
    a product without options, else a `ProductGroup` whose `hasVariant` lists each variant (a `Product` with its
    own SKU, name and `Offer`). Uses the page's `variants` ([(variant, label)]) from its context."""
    request = context["request"]
    product = page.product
    url = request.build_absolute_uri(page.get_url(request))
    currency = settings.STORE_CURRENCY.upper()
    variants = context.get("variants") or []

    # The shopper's market, when the markets app gives one (its context processor's `market_offer`): the offer is
    # in its currency, at the address of the page in that market; an item without a price there has no offer.
    market_offer = context.get("market_offer")

    def offer(variant, offer_url):
        priced = market_offer(variant or product) if market_offer else None
        if market_offer and priced is None:
            return None
        if priced is not None and priced["market"]:
            separator = "&" if "?" in offer_url else "?"
            offer_url = f"{offer_url}{separator}market={priced['market']}"
        data = {
            "@type": "Offer",
            "price": priced["price"] if priced else str(variant.unit_price if variant else product.current_price),
            "priceCurrency": priced["priceCurrency"] if priced else currency,
            "availability": _availability(
                product.for_sale and (variant is None or variant.for_sale), variant.stock if variant else 0
            ),
            "url": offer_url,
        }
        # schema.org wants a date; the offer's price is guaranteed up to the day before the sale starts or ends
        # (a variant with its own price is not on the product's sale).
        if (variant is None or variant.price is None) and (valid_until := product.price_valid_until()):
            data["priceValidUntil"] = timezone.localdate(valid_until - timedelta(microseconds=1)).isoformat()
        return data

    description = page.search_description or page.short_description
    if len(variants) > 1:
        data = {
            "@context": "https://schema.org",
            "@type": "ProductGroup",
            "name": page.title,
            "description": description,
            "productGroupID": product.sku,
            "url": url,
            "hasVariant": [
                {
                    "@type": "Product",
                    "name": variant_title(page.title, label),
                    "sku": variant.sku,
                    **_offers(offer(variant, f"{url}?variant={variant.pk}")),
                }
                for variant, label in variants
            ],
        }
    else:
        variant = variants[0][0] if variants else None
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": page.title,
            "description": description,
            "sku": variant.sku if variant else product.sku,
            "url": url,
            **_offers(offer(variant, url)),
        }
    pictures = [rendition_or_none(item.image, GALLERY_RENDITION) for item in context.get("gallery") or []]
    if pictures := [request.build_absolute_uri(picture.url) for picture in pictures if picture]:
        data["image"] = pictures
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def _offers(offer) -> dict:
    return {"offers": offer} if offer is not None else {}


CARD_TEMPLATE = "includes/product_card.html"
CARD_TTL = 10 * 60
# Where a cached card's add-to-cart form says which page to come back to: filled in for each page showing it.
NEXT_URL_MARK = "__product-card-next-url__"


def _card_state(page) -> str:
    """A digest of what a card shows of its product, from the listing's row (`listed_product_pages`)."""
    product = page.product
    badge = stock_badge(page.stock_total, product.for_sale)
    state = (
        page.min_price,
        page.max_price,
        product.price,
        product.current_price,
        badge["css"],
        badge["text"],
        page.variant_count > 1,
        page.first_variant_id,
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()[:16]


@register.simple_tag(takes_context=True)
def product_card_list(context, product_pages):
    """The cards of `product_pages` (from `products.models.listed_product_pages`), with one cache read for all.

    A card is the same wherever it is listed (a category, a search, a block), but for the page its form returns
    to. It is kept per page, language and site under the content fragments' version (publishing, moving, an
    image) and what the card shows of the product (`_card_state`: prices, stock badge, variants), read from the
    listing's own row: a price change or a stock change that changes the badge makes a new card, while an order
    taking one of 40 kettles leaves every card as it was. Rendering two dozen cards with their forms and pictures
    is most of the work of a listing that the page cache cannot keep (a shopper's search, a category's second
    page).
    """
    pages = list(product_pages)
    if not pages:
        return ""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None)
    versions = page_cache.fragment_versions("content", request=request)
    # A card shows its price in the shopper's market: kept per market and its version too (`page_cache.vary_on`).
    market = page_cache.variant_key(request) if request is not None else ""
    prefix = f"card:{versions}:{get_language()}:{site.pk if site else ''}:{market}:"
    keys = [f"{prefix}{page.pk}:{_card_state(page)}" for page in pages]
    kept = cache.get_many(keys)  # read only: never write into what a cache call returned
    to_render = [page for page, key in zip(pages, keys, strict=True) if key not in kept]
    rendered = {}
    if to_render:  # their pictures, in three queries; none when every card is kept
        prefetch_related_objects(to_render, listing_image_prefetch())
        card = get_template(CARD_TEMPLATE)
        rendered = {
            key: card.render(
                {"product_page": page, "product_pages": to_render, "next_url": NEXT_URL_MARK, "request": request}
            )
            for page, key in zip(pages, keys, strict=True)
            if key not in kept
        }
        cache.set_many(rendered, CARD_TTL)
    cards = (kept[key] if key in kept else rendered[key] for key in keys)
    next_url = escape(request.get_full_path()) if request is not None else ""
    return mark_safe("".join(cards).replace(NEXT_URL_MARK, next_url))  # noqa: S308 - our HTML
