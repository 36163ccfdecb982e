"""The search page finds the current locale's listed products by title, text, SKU and category, filtered and sorted."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from products.models import Product, ProductVariant
from products.tests import factories

from .helpers import search, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "q", "titles"),
    [("en", "kettle", ["Kettle"]), ("es", "hervidor", ["Hervidor"]), ("ru", "чайник", ["Чайник"])],
)
def test_finds_a_product_by_its_title_in_each_locale(client, shop, code, q, titles):
    response = search(client, code, q)

    assert response.status_code == 200
    assert response.titles == titles
    assert response.context["result_count"] == 1


@pytest.mark.parametrize(
    ("what", "q"),
    [
        ("short description", "galvanised"),
        ("body text", "seedlings"),
        ("SKU as written", "WCAN-7"),
        ("SKU in lower case", "wcan-7"),
        ("SKU without its dash", "WCAN7"),
    ],
)
def test_finds_a_product_by_its_text_and_sku_in_each_locale(client, shop, what, q):
    for code, title in (("en", "Watering can"), ("es", "Regadera"), ("ru", "Лейка")):
        assert search(client, code, q).titles == [title], code


@pytest.mark.parametrize(
    ("code", "category", "title"),
    [("en", "garden", "Watering can"), ("es", "jardín", "Regadera"), ("ru", "сад", "Лейка")],
)
def test_finds_a_product_by_the_title_of_its_category(client, shop, code, category, title):
    response = search(client, code, category)

    assert response.titles == [title]


@pytest.mark.parametrize(("code", "q"), [("en", "hervidor"), ("en", "чайник"), ("es", "чайник"), ("ru", "hervidor")])
def test_finds_only_pages_of_the_current_locale(client, shop, code, q):
    response = search(client, code, q)

    assert response.status_code == 200
    assert response.titles == []


def test_lists_neither_aliases_nor_products_no_longer_for_sale(client, shop, locales):
    # Given an English-only product shown in Spanish as an alias of the English page
    samovar = factories.add_product_page(shop["category"]["en"], factories.ProductFactory(sku="SAM-1"), title="Samovar")
    samovar.create_alias(parent=shop["category"]["es"], update_locale=locales["es"])
    # and the mug taken off sale
    Product.objects.filter(sku="MUG-1").update(for_sale=False)

    assert search(client, "en", "samovar").titles == ["Samovar"]
    assert search(client, "es", "samovar").titles == []
    assert search(client, "en", "mug").titles == []
    assert search(client, "es", "taza").titles == []


def test_the_category_filter_keeps_a_category_and_its_subcategories(client, shop):
    # Given a kettle in Garden and another in Kitchen › Outdoor
    outdoor = factories.add_category(shop["category"]["en"], "Outdoor")
    factories.add_product_page(outdoor, factories.ProductFactory(sku="CAMP-1"), title="Camping kettle")
    factories.add_product_page(shop["garden"]["en"], factories.ProductFactory(sku="GK-1"), title="Garden kettle")

    everywhere = search(client, "en", "kettle")
    kitchen = search(client, "en", "kettle", category=shop["category"]["en"].pk)
    outdoors = search(client, "en", "kettle", category=outdoor.pk)

    assert sorted(everywhere.titles) == ["Camping kettle", "Garden kettle", "Kettle"]
    assert sorted(kitchen.titles) == ["Camping kettle", "Kettle"]
    assert outdoors.titles == ["Camping kettle"]


def test_the_category_filter_offers_the_current_locales_categories_only(client, shop):
    response = search(client, "es", "hervidor")

    choices = [label for _value, label in response.context["form"].fields["category"].choices]
    assert choices == ["Todas las categorías", "Cocina", "Jardín"]


@pytest.mark.parametrize(("code", "q", "titles"), [("en", "kitchen", ["Kettle"]), ("es", "cocina", ["Hervidor"])])
def test_in_stock_only_leaves_out_products_sold_out_now(client, shop, code, q, titles):
    ProductVariant.objects.filter(sku="MUG-1").update(stock=0)

    assert search(client, code, q, in_stock="1").titles == titles
    assert len(search(client, code, q).titles) == 2


def test_in_stock_only_leaves_out_a_product_never_in_stock(client, shop):
    assert search(client, "en", "galvanised", in_stock="1").titles == []
    assert search(client, "en", "galvanised").titles == ["Watering can"]


@pytest.mark.parametrize(
    ("code", "q", "sort", "titles"),
    [
        ("en", "kitchen", "price", ["Mug", "Kettle"]),
        ("en", "kitchen", "-price", ["Kettle", "Mug"]),
        ("en", "kitchen", "name", ["Kettle", "Mug"]),
        ("en", "kitchen", "newest", ["Mug", "Kettle"]),
        ("es", "cocina", "price", ["Taza", "Hervidor"]),
        ("es", "cocina", "name", ["Hervidor", "Taza"]),
        ("ru", "кухня", "-price", ["Чайник", "Кружка"]),
        ("ru", "кухня", "name", ["Кружка", "Чайник"]),
    ],
)
def test_sorts_by_price_name_and_newest(client, shop, code, q, sort, titles):
    assert search(client, code, q, sort=sort).titles == titles


def test_sorts_by_relevance_by_default_title_matches_first(client, shop):
    factories.add_product_page(
        shop["category"]["en"],
        factories.ProductFactory(sku="APR-1"),
        title="Apron",
        short_description="Keeps kettle steam off your shirt.",
    )

    assert search(client, "en", "kettle").titles == ["Kettle", "Apron"]
    assert search(client, "en", "kettle", sort="name").titles == ["Apron", "Kettle"]


def test_paginates_and_keeps_the_query_and_filters_in_the_page_links(client, shop, monkeypatch):
    monkeypatch.setattr("search.views.PRODUCTS_PER_PAGE", 1)

    first = search(client, "en", "kitchen", sort="price")
    second = search(client, "en", "kitchen", sort="price", page="2")

    assert first.titles == ["Mug"]
    assert second.titles == ["Kettle"]
    assert first.context["result_count"] == 2
    assert 'href="?q=kitchen&amp;sort=price&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize(("page", "titles"), [("abc", ["Mug"]), ("-1", ["Kettle"]), ("99", ["Kettle"]), ("", ["Mug"])])
def test_a_page_number_out_of_range_shows_the_nearest_page(client, shop, monkeypatch, page, titles):
    monkeypatch.setattr("search.views.PRODUCTS_PER_PAGE", 1)

    response = search(client, "en", "kitchen", sort="price", page=page)

    assert response.status_code == 200
    assert response.titles == titles


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "price; DROP TABLE"}, "Sort by"),
        ({"category": "abc"}, "Category"),
        ({"category": "99999"}, "Category"),
    ],
)
def test_a_tampered_filter_is_left_out_with_a_message(client, shop, params, field):
    response = search(client, "en", "kettle", **params)

    assert response.status_code == 200
    assert response.titles == ["Kettle"]
    html = response.content.decode()
    assert "Some filters were not understood and have been left out:" in html
    assert f"<li>{field}: Select a valid choice." in html


def test_another_locales_category_is_not_a_filter_here(client, shop):
    response = search(client, "es", "hervidor", category=shop["category"]["en"].pk)

    assert response.titles == ["Hervidor"]
    assert "Algunos filtros no se han entendido y se han omitido:" in response.content.decode()


@pytest.mark.parametrize("q", [None, "", "   ", "\t\n"])
def test_an_empty_query_asks_for_a_word(client, shop, q):
    for code, text in (
        ("en", "Type a word to find products."),
        ("es", "Escribe una palabra para encontrar productos."),
        ("ru", "Введите слово, чтобы найти товары."),
    ):
        response = search(client, code, q)

        assert response.status_code == 200
        assert text in response.content.decode()
        assert response.titles == []


def test_a_very_long_query_is_cut_with_a_message(client, shop):
    response = search(client, "en", "kettle " * 200)

    assert response.status_code == 200
    assert response.context["query"].text == " ".join(["kettle"] * 14)
    assert "Only the first 100 characters of your search were used." in response.content.decode()
    assert response.titles == ["Kettle"]


@pytest.mark.parametrize(("code", "path"), [("en", "/en/search/"), ("es", "/es/buscar/"), ("ru", "/ru/poisk/")])
def test_the_search_page_address_is_in_the_shoppers_language(client, shop, code, path):
    assert url("search", code) == path
    assert client.get(path, {"q": "x"}).status_code == 200


@pytest.mark.parametrize(
    ("code", "suggest_url"),
    [("en", "/en/search/suggestions/"), ("es", "/es/buscar/sugerencias/"), ("ru", "/ru/poisk/podskazki/")],
)
def test_every_page_has_the_search_box_with_suggestions(client, shop, code, suggest_url):
    response = client.get(shop["kettle"][code].url)

    html = response.content.decode()
    assert f'action="{url("search", code)}"' in html
    assert 'role="combobox" aria-autocomplete="list" aria-expanded="false"' in html
    assert 'aria-controls="header-search-suggestions"' in html
    assert f'data-suggest-url="{suggest_url}"' in html
    assert 'id="header-search-suggestions" class="search-suggestions" role="listbox"' in html
    assert '<script src="/static/search/autocomplete.js" defer></script>' in html


def test_the_search_page_is_not_indexed_by_robots_and_keeps_the_query_in_the_box(client, shop):
    html = search(client, "en", "kettle").content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert 'id="header-search" type="search" name="q" maxlength="100"' in html
    assert 'placeholder="Search products" value="kettle"' in html


def test_only_get_is_allowed(client, shop):
    assert client.post(url("search", "en"), {"q": "kettle"}).status_code == 405


def test_the_active_locale_decides_not_a_locale_parameter(client, shop):
    es = Locale.objects.get(language_code="es")

    response = search(client, "en", "hervidor", locale=es.pk)

    assert response.titles == []


def test_the_number_of_queries_does_not_grow_with_the_results(client, shop):
    for number in range(3):
        factories.add_product_page(
            shop["category"]["en"], factories.ProductFactory(), title=f"Teapot {number}", images=1
        )

    # First views create the image renditions and the searches' Query rows
    search(client, "en", "teapot 1")
    search(client, "en", "teapot")

    with CaptureQueriesContext(connection) as one:
        assert search(client, "en", "teapot 1").titles == ["Teapot 1"]
    with CaptureQueriesContext(connection) as three:
        assert len(search(client, "en", "teapot").titles) == 3

    # PostgreSQL finds the candidates in two queries (title matches, then the others): one more; with Redis the
    # search is counted there (search/hits.py), not in the database: three fewer.
    # The cards and their pictures are kept (`shop_tags.product_card_list`).
    expected = 8 + (connection.vendor == "postgresql") - 3 * bool(settings.REDIS_URL)
    assert len(three) == len(one) == expected
