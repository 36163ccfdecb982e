"""The product, category and home pages cost the same number of queries whatever the size of the catalog, for a
fresh visitor on a warm process (renditions made, the navigation in the cache; the page cache itself is off in
these tests, so every request runs the view). Issue #13 asks for 10 or fewer: the routing finds the page, its
ancestors and its product in one query (`storefront.routing`), the site, the shop settings, the translations,
the gallery, the home page's hero and tiles and the "bought together" block come from the cache. A product page
adds one query for its variants (stock and price are live, never cached; a product with options adds two more
for the options' labels in the page's language)."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from products.models import Product
from products.tests import factories

pytestmark = pytest.mark.django_db

PRODUCT_PAGE_QUERIES = 2  # the page with its ancestors and product, then its variants


def grow_catalog(category, count):
    for _ in range(count):
        factories.add_product_page(category, images=1)


def queries_for(client, url):
    client.get(url)  # warm: renditions are generated once, on the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def queries_with_nothing_kept(client, url):
    client.get(url)  # renditions made
    cache.clear()  # nothing kept: the cards, their pictures, the count and the navigation are fetched again
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_category_page_queries_do_not_grow_with_the_catalog_or_the_page(
    client, homes, django_capture_on_commit_callbacks
):
    category = factories.add_category(homes["en"], "Growing")
    with django_capture_on_commit_callbacks(execute=True):  # the count kept in the cache follows
        grow_catalog(category, 2)
    small, small_cold = queries_for(client, category.url), queries_with_nothing_kept(client, category.url)

    with django_capture_on_commit_callbacks(execute=True):
        grow_catalog(category, 22)
    large, large_cold = queries_for(client, category.url), queries_with_nothing_kept(client, category.url)

    assert client.get(category.url).content.decode().count('class="product-card"') == 24
    # The page, its 24 rows and its subcategories; the count, the cards and their pictures come from the cache.
    assert small == large == 3
    assert small_cold == large_cold  # the cards' pictures in three queries, however many


def test_product_page_queries_do_not_grow_with_the_catalog(client, homes):
    category = factories.add_category(homes["en"], "Growing")
    page = factories.add_product_page(category, images=3)
    small = queries_for(client, page.url)

    grow_catalog(category, 10)
    large = queries_for(client, page.url)

    assert small == large == PRODUCT_PAGE_QUERIES


def test_home_page_queries_do_not_grow_with_the_catalog(client, homes):
    category = factories.add_category(homes["en"], "Growing")
    grow_catalog(category, 1)
    small = queries_for(client, homes["en"].url)

    factories.add_category(homes["en"], "More")
    grow_catalog(category, 5)
    large = queries_for(client, homes["en"].url)

    assert small == large == 1


@pytest.mark.parametrize("language", ["en", "es", "ru"])
def test_translated_product_pages_cost_the_same_queries_too(client, catalog, language):
    page = catalog["kettle"][language]

    assert queries_for(client, page.url) == PRODUCT_PAGE_QUERIES
    html = client.get(page.url).content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert f'lang="{language}"' in html


def test_a_price_change_shows_at_once_on_the_cached_parts_of_the_page(
    client, catalog, django_capture_on_commit_callbacks
):
    page = catalog["kettle"]["en"]
    queries_for(client, page.url)
    product = Product.objects.get(pk=page.product_id)

    with django_capture_on_commit_callbacks(execute=True):
        product.price = "31.00"
        product.save()
    first = client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=product.pk).update(price=F("price") + 1)
    second = client.get(page.url).content.decode()

    assert "$31.00" in first
    assert "$32.00" in second


def test_bought_together_cards_follow_a_price_change_of_the_products_they_show(
    client, homes, django_capture_on_commit_callbacks
):
    category = factories.add_category(homes["en"], "Teas")
    shown = factories.add_product_page(category, title="Green tea", images=1)
    page = factories.add_product_page(
        category,
        title="Teapot",
        body=[("bought_together", {"heading": "", "count": 2, "fallback_products": [shown.product]})],
    )
    assert "Green tea" in client.get(page.url).content.decode()
    assert queries_for(client, page.url) == PRODUCT_PAGE_QUERIES

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=shown.product_id).update(price="77.00")

    assert "$77.00" in client.get(page.url).content.decode()


def test_a_view_restriction_is_still_enforced(client, homes):
    category = factories.add_category(homes["en"], "Private")
    page = factories.add_product_page(category, title="Secret kettle")
    queries_for(client, page.url)

    PageViewRestriction.objects.create(page=category, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get(page.url)

    assert "Secret kettle" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_unknown_and_unpublished_pages_are_not_found(client, homes):
    category = factories.add_category(homes["en"], "Lamps")
    page = factories.add_product_page(category, title="Desk lamp")
    client.get(page.url)

    assert client.get(category.url + "no-such-lamp/").status_code == 404
    page.unpublish()
    assert client.get(page.url).status_code == 404
    assert client.get(category.url).status_code == 200


def test_a_moved_page_is_found_at_its_new_address(client, homes):
    lamps = factories.add_category(homes["en"], "Lamps")
    chairs = factories.add_category(homes["en"], "Chairs")
    page = factories.add_product_page(lamps, title="Reading lamp")
    old_url = page.url
    client.get(old_url)

    page.move(chairs, pos="last-child")
    page.refresh_from_db()

    assert client.get(old_url).headers["Location"] == page.url  # Wagtail's automatic redirect
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Chairs" in response.content.decode()  # the breadcrumbs follow the move


def test_renditions_are_generated_once(client, homes):
    category = factories.add_category(homes["en"], "Renditions")
    page = factories.add_product_page(category, images=2)
    client.get(page.url)
    client.get(category.url)
    renditions = get_image_model().get_rendition_model().objects.count()

    client.get(page.url)
    client.get(category.url)

    assert renditions > 0
    assert get_image_model().get_rendition_model().objects.count() == renditions


def test_product_page_carries_product_and_offer_json_ld(client, catalog):
    html = client.get(catalog["kettle"]["es"].url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))

    assert data["@type"] == "Product"
    assert data["name"] == "Hervidor"
    assert data["sku"] == "KET-1"
    assert data["offers"] == {
        "@type": "Offer",
        "price": "24.50",
        "priceCurrency": "USD",
        "availability": "https://schema.org/InStock",
        "url": "http://testserver" + catalog["kettle"]["es"].url,
    }


def test_json_ld_cannot_be_broken_out_of_by_editor_text(client, catalog):
    page = catalog["kettle"]["en"]
    page.title = "</script><script>alert(1)</script>"
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "<script>alert(1)</script>" not in html
