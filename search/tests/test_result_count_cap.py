"""A common word is counted no further than `MAX_COUNTED_RESULTS` (counting every match is most of the work of
such a search on a large catalog), and the results come in the same order as ever: ranked by the backend."""

import pytest
from wagtail.models import Locale

from products.tests import factories
from search import query as search_query
from search import views as search_views

from .helpers import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def teapots(shop):
    category = shop["category"]["en"]
    factories.add_product_page(category, title="Teapot", short_description="A teapot for tea.")
    factories.add_product_page(category, title="Iron teapot", short_description="A teapot of iron, a teapot for life.")
    factories.add_product_page(category, title="Cup", short_description="Fits every teapot.")
    factories.add_product_page(category, title="Tray", short_description="Carries a teapot and cups.")


@pytest.fixture
def cap_of_two(monkeypatch):
    monkeypatch.setattr(search_query, "MAX_COUNTED_RESULTS", 2)
    monkeypatch.setattr(search_views, "MAX_COUNTED_RESULTS", 2)


def test_below_the_cap_the_count_is_exact(client, teapots):
    response = search(client, "en", "teapot")

    assert response.context["result_count"] == 4
    assert response.context["more_results_than"] is None
    assert "4 results for “teapot”" in response.content.decode()


def test_past_the_cap_it_says_more_than(client, teapots, cap_of_two):
    response = search(client, "en", "teapot")

    assert response.context["more_results_than"] == 2
    assert "More than 2 results for “teapot”" in response.content.decode()
    assert len(response.titles) == 2  # the results stop at the cap too
    assert search(client, "en", "teapot", page=2).titles == response.titles  # no page past the cap


def test_the_results_keep_the_backends_relevance_order(client, teapots, cap_of_two):
    pages = search_query.filtered_product_pages(Locale.objects.get(language_code="en"))
    expected = [page.title for page in search_query.search_backend("en").search("teapot", pages, operator="and")]

    assert search(client, "en", "teapot").titles == expected[:2]
    assert len(expected) == 4
