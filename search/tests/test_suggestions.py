"""Suggestions as the shopper types: a small JSON list of the locale's listed products whose title starts so."""

from pathlib import Path

import pytest
from django.conf import settings

from products.models import Product

from .helpers import suggest, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "q", "price", "status"),
    [
        ("en", "ket", "$24.50", "1 suggestion"),
        ("es", "herv", "24,50\xa0US$", "1 sugerencia"),
        ("ru", "чай", "24,50\xa0$", "1 подсказка"),
    ],
)
def test_suggests_products_whose_title_starts_with_the_typed_letters(client, shop, code, q, price, status):
    kettle = shop["kettle"][code]

    data = suggest(client, code, q)

    assert data == {
        "query": q,
        "results": [{"title": kettle.title, "url": kettle.url, "price": price}],
        "status": status,
    }


@pytest.mark.parametrize("q", ["", "k", " k ", "😀", "\x00"])
def test_suggests_nothing_before_two_letters(client, shop, q):
    for code, status in (("en", "0 suggestions"), ("es", "0 sugerencias"), ("ru", "0 подсказок")):
        assert suggest(client, code, q) == {"query": q.strip().replace("\x00", ""), "results": [], "status": status}


def test_completes_the_last_word_of_several(client, shop):
    titles = [result["title"] for result in suggest(client, "en", "watering ca")["results"]]

    assert titles == ["Watering can"]


@pytest.mark.parametrize(("code", "q"), [("en", "чай"), ("ru", "herv"), ("es", "ket")])
def test_suggests_only_the_current_locales_products(client, shop, code, q):
    assert suggest(client, code, q)["results"] == []


def test_suggests_no_product_taken_off_sale(client, shop):
    Product.objects.filter(sku="KET-1").update(for_sale=False)

    assert suggest(client, "en", "ket")["results"] == []


def test_suggests_at_most_eight(client, shop):
    from products.tests import factories

    for number in range(10):
        factories.add_product_page(shop["category"]["en"], factories.ProductFactory(), title=f"Teapot {number}")

    assert len(suggest(client, "en", "teap")["results"]) == 8


def test_suggestions_may_be_cached_briefly_by_the_browser(client, shop):
    response = client.get(url("search_suggestions", "en"), {"q": "ket"})

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "max-age=60"


def test_the_autocomplete_script_is_served_from_the_app_and_reads_the_markup_it_is_given():
    script = (Path(settings.BASE_DIR) / "search" / "static" / "search" / "autocomplete.js").read_text()

    for hook in ("[data-search-box]", "[role=combobox]", "[role=listbox]", "[data-suggest-status]", "data-suggest-url"):
        assert hook in script
    assert "aria-activedescendant" in script
    assert "innerHTML" not in script  # titles are inserted as text, never as markup
