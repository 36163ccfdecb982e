"""The product, category and home pages cost the same number of queries whatever the size of the catalog, for a
fresh visitor on a warm process (renditions made, the navigation in the cache; the page cache itself is off in
these tests, so every request runs the view). Issue #13 aims at 10 or fewer; the budgets below are what is
reached so far, lowered as queries go."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from products.tests import factories

pytestmark = pytest.mark.django_db


def grow_catalog(category, count):
    for _ in range(count):
        factories.add_product_page(category, images=1)


def queries_for(client, url):
    client.get(url)  # warm: renditions are generated once, on the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_category_page_queries_do_not_grow_with_the_catalog_or_the_page(client, homes):
    category = factories.add_category(homes["en"], "Growing")
    grow_catalog(category, 2)
    small = queries_for(client, category.url)

    grow_catalog(category, 22)
    large = queries_for(client, category.url)

    assert small == large == 17


def test_product_page_queries_do_not_grow_with_the_catalog(client, homes):
    category = factories.add_category(homes["en"], "Growing")
    page = factories.add_product_page(category, images=3)
    small = queries_for(client, page.url)

    grow_catalog(category, 10)
    large = queries_for(client, page.url)

    assert small == large == 17  # +1 with variants: the product's variants (labels and images only when it has them)


def test_home_page_queries_do_not_grow_with_the_catalog(client, homes):
    category = factories.add_category(homes["en"], "Growing")
    grow_catalog(category, 1)
    small = queries_for(client, homes["en"].url)

    factories.add_category(homes["en"], "More")
    grow_catalog(category, 5)
    large = queries_for(client, homes["en"].url)

    assert small == large == 9


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
