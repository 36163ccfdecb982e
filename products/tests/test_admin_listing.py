"""The admin's product listing: thumbnail, each language's page and its state, filters, a constant query count."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from products.models import ProductVariant
from products.tests import factories
from products.tests.factories import ProductFactory, staff_user

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_products_product:list"


@pytest.fixture
def manager_client(client):
    client.force_login(staff_user(settings.SHOP_MANAGERS_GROUP))
    return client


def listed_skus(response):
    return sorted(set(re.findall(r"\b(KET-1|MUG-1|TEA-9)\b", response.content.decode())))


def page_states(response, sku):
    """{language: state} of the row whose SKU is `sku`."""
    html = response.content.decode()
    row = next(row for row in html.split("<tr") if re.search(rf">\s*{sku}\s*<", row))
    return dict(re.findall(r'data-language="(\w+)" data-state="(\w+)"', row))


def test_each_language_is_linked_with_its_state(manager_client, catalog):
    catalog["mug"]["ru"].unpublish()
    catalog["mug"]["es"].delete()

    response = manager_client.get(reverse(LIST))

    assert page_states(response, "KET-1") == {"en": "live", "es": "live", "ru": "live"}
    assert page_states(response, "MUG-1") == {"en": "live", "es": "missing", "ru": "draft"}
    assert reverse("wagtailadmin_pages:edit", args=[catalog["kettle"]["es"].pk]) in response.content.decode()


def test_the_thumbnail_is_the_first_image_of_the_default_languages_page(manager_client, shop):
    page = factories.add_product_page(shop["category"], ProductFactory(sku="TEA-9"), images=2)
    thumbnail = page.gallery_images.order_by("sort_order").first().image.get_rendition("fill-120x120")

    html = manager_client.get(reverse(LIST)).content.decode()

    assert f'src="{thumbnail.url}"' in html


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"in_stock": "true"}, ["KET-1", "TEA-9"]),
        ({"in_stock": "false"}, ["MUG-1"]),
        ({"for_sale": "false"}, ["TEA-9"]),
        ({"missing_translation": "es"}, ["MUG-1", "TEA-9"]),
    ],
)
def test_the_filters(manager_client, catalog, filters, expected):
    ProductFactory(sku="TEA-9", stock=4, for_sale=False)
    catalog["mug"]["es"].delete()
    ProductVariant.objects.filter(product__sku="MUG-1").update(stock=0)

    assert listed_skus(manager_client.get(reverse(LIST), filters)) == expected


def test_the_category_filter_lists_the_products_with_a_page_in_it(manager_client, shop, homes):
    other = factories.add_category(homes["en"], "Garden")
    factories.add_product_page(other, ProductFactory(sku="TEA-9"))

    response = manager_client.get(reverse(LIST), {"category": shop["category"].pk})

    assert listed_skus(response) == ["KET-1", "MUG-1"]


def test_a_page_of_the_listing_costs_the_same_queries_whatever_its_size(manager_client, catalog):
    def queries():
        manager_client.get(reverse(LIST))  # renditions are made on the first request
        with CaptureQueriesContext(connection) as captured:
            assert manager_client.get(reverse(LIST)).status_code == 200
        return len(captured)

    category = catalog["category"]["en"]
    factories.translate(factories.add_product_page(category, images=1), "es")
    small = queries()
    for _ in range(6):
        english = factories.add_product_page(category, images=1)
        factories.translate(english, "es")
    large = queries()

    assert small == large <= 20
