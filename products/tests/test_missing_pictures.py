"""A picture whose original file is gone from storage (a lost upload, a half-restored bucket) costs the shopper
that picture, never the page: Wagtail cannot make a rendition from a missing original, and the shop's pages
answer 200 without it in every language."""

import json
import re
from html import unescape as html_unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from products.tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "ru"]


def lose_original(image):
    """Delete the image's original file, as a lost upload would leave it (no rendition made yet)."""
    image.file.storage.delete(image.file.name)


@pytest.fixture
def lost(catalog):
    """A lamp in the kitchen with two pictures, the first one's original lost (the category's card shows it), and
    two sizes, the large one with a picture of its own that is lost too; its page published in en, es and ru."""
    _size, sizes = factories.option_type("Size", ["S", "L"])
    product = factories.ProductFactory(sku="LAMP", name="Lamp", default_variant=None)
    factories.add_variant(product, "LAMP-S", options=[sizes["S"]])
    variant_picture = factories.make_image("variant")
    factories.add_variant(product, "LAMP-L", options=[sizes["L"]], image=variant_picture)
    lamp = factories.add_product_page(catalog["category"]["en"], product, images=2)
    pages = {"en": lamp}
    for code, title in (("es", "Lámpara"), ("ru", "Лампа")):
        pages[code] = factories.translate(lamp, code, title=title)
    missing, kept = (item.image for item in lamp.gallery_images.order_by("sort_order"))
    for image in (missing, variant_picture):
        lose_original(image)
    return {"pages": pages, "kept": kept}


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, **kwargs)


def jsonld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_product_page_shows_the_pictures_it_still_has(client, catalog, lost, language):
    response = client.get(lost["pages"][language].url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="product__figure') == 1  # the lost picture is left out of the gallery
    kept = lost["kept"].get_rendition("max-960x960").url
    assert kept in html
    assert jsonld(html)["image"] == [f"http://testserver{kept}"]
    picker = json.loads(html_unescape(re.search(r'data-variants="([^"]*)"', html).group(1)))
    assert [(variant["sku"], variant["image"]) for variant in picker["variants"]] == [("LAMP-S", ""), ("LAMP-L", "")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_category_search_and_cart_pages_answer_without_the_lost_pictures(client, catalog, lost, language):
    lamp = lost["pages"][language]
    variant = lamp.product.variants.get(sku="LAMP-L")
    client.post(url("cart:add", language), {"variant": str(variant.pk), "quantity": "1"})

    for address, params in (
        (catalog["category"][language].url, {}),
        (url("search", language), {"q": lamp.title}),
        (url("cart:detail", language), {}),
    ):
        response = client.get(address, params)

        assert response.status_code == 200, address
        assert lamp.title in response.content.decode(), address


def test_the_admins_product_listing_shows_no_thumbnail_for_a_lost_picture(client, catalog, lost):
    client.force_login(factories.staff_user(settings.SHOP_MANAGERS_GROUP))

    response = client.get(reverse("wagtailsnippets_products_product:list"))

    assert response.status_code == 200
    row = next(row for row in response.content.decode().split("<tr") if ">LAMP<" in row.replace(" ", ""))
    assert "<img" not in row
