"""A category lists the live, translated, for-sale products of itself and its subcategories."""

import re
from decimal import Decimal

import pytest

from products.models import PRODUCTS_PER_PAGE, Product, ProductVariant
from products.tests import factories

pytestmark = pytest.mark.django_db


def listed_titles(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return re.findall(r'<h3 class="product-card__title">([^<]+)</h3>', response.content.decode())


def test_lists_products_of_the_category_and_its_subcategories(client, catalog):
    sub = factories.add_category(catalog["category"]["en"], "Tea")
    factories.add_product_page(sub, factories.ProductFactory(name="Teapot"))

    assert sorted(listed_titles(client, catalog["category"]["en"].url)) == ["Kettle", "Mug", "Teapot"]
    assert listed_titles(client, sub.url) == ["Teapot"]


def test_each_locale_lists_its_own_translated_titles(client, catalog):
    assert sorted(listed_titles(client, catalog["category"]["es"].url)) == ["Hervidor", "Taza"]
    assert sorted(listed_titles(client, catalog["category"]["ru"].url)) == ["Кружка", "Чайник"]


def test_a_product_is_listed_in_a_locale_only_when_its_page_there_is_live(client, catalog):
    catalog["mug"]["es"].unpublish()

    assert listed_titles(client, catalog["category"]["es"].url) == ["Hervidor"]
    assert sorted(listed_titles(client, catalog["category"]["en"].url)) == ["Kettle", "Mug"]


def test_an_untranslated_alias_is_not_listed(client, catalog):
    alias_source = factories.add_product_page(catalog["category"]["en"], factories.ProductFactory(name="Spoon"))
    alias_source.copy_for_translation(catalog["category"]["es"].locale, alias=True)

    assert "Spoon" not in listed_titles(client, catalog["category"]["es"].url)


def test_products_not_for_sale_are_not_listed(client, catalog):
    Product.objects.filter(sku="MUG-1").update(for_sale=False)

    assert listed_titles(client, catalog["category"]["en"].url) == ["Kettle"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("price", ["Mug", "Kettle"]), ("-price", ["Kettle", "Mug"]), ("name", ["Kettle", "Mug"])],
)
def test_sorting(client, catalog, sort, expected):
    assert listed_titles(client, catalog["category"]["en"].url, sort=sort) == expected


def test_newest_first_by_default_and_unknown_sort_falls_back_to_it(client, catalog):
    assert listed_titles(client, catalog["category"]["en"].url) == ["Mug", "Kettle"]
    assert listed_titles(client, catalog["category"]["en"].url, sort="'; DROP TABLE x") == ["Mug", "Kettle"]


def test_in_stock_only_filter(client, catalog):
    ProductVariant.objects.filter(sku="KET-1").update(stock=0)

    assert listed_titles(client, catalog["category"]["en"].url, in_stock="1") == ["Mug"]
    assert sorted(listed_titles(client, catalog["category"]["en"].url)) == ["Kettle", "Mug"]


def test_pages_of_24_and_bad_page_numbers_fall_back(client, homes):
    category = factories.add_category(homes["en"], "Many")
    for n in range(PRODUCTS_PER_PAGE + 1):
        factories.add_product_page(category, factories.ProductFactory(name=f"Item {n:02d}", price=Decimal(n)))

    assert len(listed_titles(client, category.url, sort="price")) == PRODUCTS_PER_PAGE
    assert listed_titles(client, category.url, sort="price", page=2) == ["Item 24"]
    assert listed_titles(client, category.url, sort="price", page=99) == ["Item 24"]
    assert len(listed_titles(client, category.url, sort="price", page="abc")) == PRODUCTS_PER_PAGE
