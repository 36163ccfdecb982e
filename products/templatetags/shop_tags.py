"""Product template tags: prices in the shopper's language and a product's schema.org data."""

import json
from datetime import timedelta

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from storefront.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=None):
    """`{{ product.price|money }}` → '$12.50' in English, '12,50 US$' in Spanish."""
    if amount in (None, ""):
        return ""
    return format_money(amount, currency or None)


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def product_jsonld(context, page):
    """schema.org `Product` with its `Offer`, for search engines; safe to embed whatever editors typed."""
    request = context["request"]
    product = page.product
    if not product.for_sale:
        availability = "https://schema.org/Discontinued"
    elif product.stock > 0:
        availability = "https://schema.org/InStock"
    else:
        availability = "https://schema.org/OutOfStock"
    url = request.build_absolute_uri(page.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": page.title,
        "description": page.search_description or page.short_description,
        "sku": product.sku,
        "url": url,
        "offers": {
            "@type": "Offer",
            "price": str(product.current_price),
            "priceCurrency": settings.STORE_CURRENCY.upper(),
            "availability": availability,
            "url": url,
        },
    }
    if valid_until := product.price_valid_until():
        # schema.org wants a date; the offer's price is guaranteed up to the day before the sale starts or ends.
        data["offers"]["priceValidUntil"] = timezone.localdate(valid_until - timedelta(microseconds=1)).isoformat()
    gallery = context.get("gallery") or []
    if gallery:
        data["image"] = [request.build_absolute_uri(item.image.get_rendition("max-960x960").url) for item in gallery]
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
