"""A search ranks at most `MAX_COUNTED_RESULTS` pages: all its matches when there are no more (in exactly the
backend's order), else the candidates `candidate_ids` picks on PostgreSQL (title matches first, newest first).
Paging and sorting show one fixed list, without repeats or gaps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from products.tests import factories
from search import query as search_query
from search import views as search_views

from .helpers import search

pytestmark = pytest.mark.django_db

TITLE_MATCHES = ["Kettle", "Copper kettle", "Kettle descaler", "Travel kettle"]  # oldest first
BODY_MATCHES = ["Stove", "Trivet", "Tea towel"]  # oldest first


@pytest.fixture
def kettles(shop):
    """Seven pages with "kettle": four in their title (the shop's Kettle, 24.50, the oldest), three in their
    description only, created alternately so that the newest pages are not all of one kind."""
    category = shop["category"]["en"]
    for title, price, description in (
        ("Copper kettle", "30.00", "A kettle for the stove."),
        ("Stove", "12.00", "Heats a kettle fast."),
        ("Kettle descaler", "5.00", "Keeps a kettle clean, kettle after kettle."),
        ("Trivet", "8.00", "Put the kettle on it."),
        ("Travel kettle", "22.00", "Small and light."),
        ("Tea towel", "4.00", "Dries the kettle."),
    ):
        factories.add_product_page(
            category, factories.ProductFactory(name=title, price=price), short_description=description
        )


@pytest.fixture
def cap(monkeypatch):
    def set_cap(value):
        monkeypatch.setattr(search_query, "MAX_COUNTED_RESULTS", value)
        monkeypatch.setattr(search_views, "MAX_COUNTED_RESULTS", value)

    return set_cap


def english():
    return Locale.objects.get(language_code="en")


def found(q, **filters):
    return search_query.search_products(search_query.clean_query(q), english(), **filters)


def fully_ranked(q):
    """Every match, ranked by the backend as it ranks any search: the order the results must keep."""
    pages = search_query.filtered_product_pages(english())
    return [page.title for page in search_query.search_backend("en").search(q, pages, operator="and")]


def test_below_the_cap_the_results_are_every_match_in_the_backends_order(kettles):
    result = found("kettle")

    assert [page.title for page in result.results] == fully_ranked("kettle")
    assert sorted(fully_ranked("kettle")) == sorted(TITLE_MATCHES + BODY_MATCHES)
    assert result.count == 7


@pytest.mark.postgres
def test_past_the_cap_the_newest_title_matches_are_ranked(kettles, cap):
    cap(3)

    result = found("kettle")

    candidates = {"Travel kettle", "Kettle descaler", "Copper kettle"}  # the shop's Kettle is the oldest
    assert [page.title for page in result.results] == [title for title in fully_ranked("kettle") if title in candidates]
    assert result.count == 4  # "more than 3"


@pytest.mark.postgres
def test_past_the_cap_the_newest_other_matches_follow_every_title_match(kettles, cap):
    cap(5)

    result = found("kettle")

    titles = [page.title for page in result.results]
    assert titles == [title for title in fully_ranked("kettle") if title in {*TITLE_MATCHES, "Tea towel"}]
    assert sorted(titles[:4]) == sorted(TITLE_MATCHES)  # title matches outrank the others, as in the full ranking
    assert result.count == 6


@pytest.mark.postgres
def test_every_sort_orders_the_same_results(kettles, cap):
    cap(5)

    shown = {sort: [page.title for page in found("kettle", sort=sort).results] for sort in search_query.SORTS}

    assert {sort: sorted(titles) for sort, titles in shown.items()} == dict.fromkeys(
        search_query.SORTS, sorted([*TITLE_MATCHES, "Tea towel"])
    )
    assert shown["price"] == ["Tea towel", "Kettle descaler", "Travel kettle", "Kettle", "Copper kettle"]
    assert shown["name"] == sorted(shown["name"])


@pytest.mark.parametrize("sort", list(search_query.SORTS))
def test_the_pages_follow_one_list_without_repeats_or_gaps(client, kettles, cap, monkeypatch, sort):
    cap(5)
    monkeypatch.setattr(search_views, "PRODUCTS_PER_PAGE", 2)

    pages = [search(client, "en", "kettle", sort=sort, page=number).titles for number in (1, 2, 3)]

    assert [len(titles) for titles in pages] == [2, 2, 1]
    assert sum(pages, []) == [page.title for page in found("kettle", sort=sort).results[:5]]
    assert search(client, "en", "kettle", sort=sort, page=4).titles == pages[2]  # no page past the cap


@pytest.mark.postgres
def test_the_queries_do_not_grow_past_the_cap(kettles, cap):
    cap(3)

    def queries(q):
        with CaptureQueriesContext(connection) as captured:
            result = found(q)
            list(result.results[:2])
        return len(captured)

    queries("kettle")  # content types and the like are cached from now on

    # Promotions, candidates (title matches, then, if they are too few, the others), the ranked page (its cards'
    # pictures are fetched by the cards that need them, `shop_tags.product_card_list`).
    assert queries("descaler") == 5
    assert queries("kettle") == 4  # past the cap with title matches alone
