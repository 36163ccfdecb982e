"""The product chooser of a product page: search by SKU or name, "without a page in" a language, price and
stock shown, 25 to a page, and a new product made in the modal."""

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from products.models import Product
from products.tests.factories import ProductFactory, add_product_page, staff_user

pytestmark = pytest.mark.django_db

CHOOSE = "wagtailsnippetchoosers_products_product:choose_results"
CREATE = "wagtailsnippetchoosers_products_product:create"


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user(settings.EDITORS_GROUP))
    return client


def listed_skus(response):
    html = response.content.decode()
    return [sku for sku in ("KET-1", "MUG-1", "TEA-9") if f"{sku} —" in html]


def test_the_search_finds_a_product_by_sku_or_by_name(editor_client, shop):
    ProductFactory(sku="TEA-9", name="Teapot")

    by_sku = editor_client.get(reverse(CHOOSE), {"q": "tea-"})
    by_name = editor_client.get(reverse(CHOOSE), {"q": "kettl"})

    assert listed_skus(by_sku) == ["TEA-9"]
    assert listed_skus(by_name) == ["KET-1"]


def test_without_a_page_in_a_language_leaves_out_the_products_already_there(editor_client, catalog):
    ProductFactory(sku="TEA-9", name="Teapot")
    # The mug loses its Spanish page: it and the teapot are the ones still to be written in Spanish.
    catalog["mug"]["es"].delete()

    response = editor_client.get(reverse(CHOOSE), {"without_page_in": "es"})

    assert listed_skus(response) == ["MUG-1", "TEA-9"]


def test_the_list_shows_price_and_stock(editor_client, shop):
    html = editor_client.get(reverse(CHOOSE), {"q": "KET-1"}).content.decode()

    assert "24.50" in html
    assert ">10<" in html.replace(" ", "").replace("\n", "")


def test_twenty_five_products_to_a_page(editor_client, db):
    ProductFactory.create_batch(30)

    html = editor_client.get(reverse(CHOOSE)).content.decode()

    assert html.count("data-chooser-modal-choice") == 25


def test_a_new_product_is_made_and_chosen_in_the_modal(editor_client, db):
    response = editor_client.post(
        reverse(CREATE), {"sku": "TEA-9", "name": "Teapot", "price": "12.00", "stock": "4", "for_sale": "on"}
    )

    product = Product.objects.get(sku="TEA-9")
    assert (product.name, product.price, product.stock, product.for_sale) == ("Teapot", Decimal("12.00"), 4, True)
    data = json.loads(response.content)
    assert (data["step"], data["result"]["id"]) == ("chosen", str(product.pk))
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(product.pk)).exists()


def test_a_duplicate_sku_is_shown_again_with_its_error_and_nothing_is_made(editor_client, shop):
    response = editor_client.post(
        reverse(CREATE), {"sku": "KET-1", "name": "Another kettle", "price": "12.00", "stock": "4"}
    )

    data = json.loads(response.content)
    assert data["step"] == "reshow_creation_form"
    assert "already exists" in data["htmlFragment"]
    assert Product.objects.filter(sku="KET-1").count() == 1


def test_a_translator_may_not_create_a_product_in_the_modal(client, db):
    client.force_login(staff_user(settings.TRANSLATORS_GROUP))

    client.post(reverse(CREATE), {"sku": "TEA-9", "name": "Teapot", "price": "12.00", "stock": "4"})

    assert not Product.objects.filter(sku="TEA-9").exists()


def test_a_product_page_already_written_is_still_found_without_the_language_filter(editor_client, shop):
    add_product_page(shop["category"], ProductFactory(sku="TEA-9", name="Teapot"))

    assert listed_skus(editor_client.get(reverse(CHOOSE), {"q": "TEA"})) == ["TEA-9"]
