"""Whatever a shopper (or a robot) types, the search page and the suggestions answer with a page, never an error."""

import pytest

from products.tests import factories
from search.query import MAX_QUERY_LENGTH, clean_query

from .helpers import search, suggest, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def kettle(homes):
    """Just enough catalog for a search to run for real: Kitchen › Kettle in every locale."""
    kitchen = factories.add_category(homes["en"], "Kitchen")
    kettle = factories.add_product_page(kitchen, factories.ProductFactory(sku="KET-1"), title="Kettle")
    for code in ("es", "ru"):
        factories.translate(kitchen, code)
        factories.translate(kettle, code)
    return kettle


ODD_QUERIES = [
    '"',
    '""',
    "'",
    '"kettle',
    "kettle'",
    '"unterminated phrase',
    "'; DROP TABLE products_product; --",
    "1' OR '1'='1",
    "kettle AND mug",
    "kettle OR",
    "NOT kettle",
    "NEAR(kettle mug)",
    "-kettle",
    "kettle*",
    "*",
    "title:kettle",
    "(kettle",
    "kettle)",
    "a & b | !c <-> d",
    "!!! ??? ...",
    "\\",
    "\\'",
    "%",
    "%_%",
    "_",
    ":*",
    "'':*",
    "😀",
    "🫖 kettle",
    "👨‍👩‍👧",
    "\x00",
    "ket\x00tle",
    "\x07\x1b[31m",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% now %}",
    "%s %(x)s {0}",
    "غلاية",
    "水壶",
    "ке́тл",
    "x" * 10_000,
    "a " * 5_000,
    "-" * 300,
]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_an_odd_query_gives_a_page_and_suggestions_in_every_locale(client, kettle, q):
    for code in ("en", "es", "ru"):
        response = search(client, code, q)

        assert response.status_code == 200, code
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert isinstance(suggest(client, code, q)["results"], list)


@pytest.mark.parametrize(
    ("raw", "titles"),
    [
        ("%ED%A0%80", []),  # a lone surrogate, UTF-8 encoded
        ("%ED%A0%80kettle", ["Kettle"]),
        ("%F0%9F", []),  # half an emoji
        ("%C0%80", []),  # an overlong NUL
        ("%FF%FE%00", []),
        ("kettle%00", ["Kettle"]),
        ("%E2%80%8Bkettle", ["Kettle"]),  # behind a zero-width space
        ("%EF%BD%8B%EF%BD%85%EF%BD%94%EF%BD%94%EF%BD%8C%EF%BD%85", ["Kettle"]),  # full-width letters
        ("mug&q=kettle", ["Kettle"]),  # the last one wins, as in Django
        ("", []),
    ],
)
def test_a_broken_query_string_gives_a_page(client, kettle, raw, titles):
    response = client.get(f"{url('search', 'en')}?q={raw}")

    assert response.status_code == 200
    assert [page.title for page in response.context["search_results"]] == titles


def test_odd_queries_are_recorded_cleaned(client, kettle):
    from wagtail.contrib.search_promotions.models import Query

    from search import hits

    search(client, "en", "ket\x00tle\u200b 😀")
    hits.flush()  # with Redis, counted there first (search/hits.py)

    assert list(Query.objects.values_list("query_string", flat=True)) == ["ket tle 😀"]


@pytest.mark.parametrize(
    ("raw", "text", "terms"),
    [
        ("  Kettle  ", "Kettle", "Kettle"),
        ("ket\x00tle", "ket tle", "ket tle"),
        ("ket\u200btle", "kettle", "kettle"),
        ("\ud800kettle\udfff", "kettle", "kettle"),
        ("ｋｅｔｔｌｅ", "kettle", "kettle"),
        ("KET-1", "KET-1", "KET-1"),
        ("1.5 l", "1.5 l", "1.5 l"),
        ('"red kettle"', '"red kettle"', "red kettle"),
        ("a & b | !c", "a & b | !c", "a b c"),
        ("-kettle- .", "-kettle- .", "kettle"),
        ("'; DROP TABLE x; --", "'; DROP TABLE x; --", "DROP TABLE x"),
        ("🫖 чайник", "🫖 чайник", "чайник"),
        ("😀", "😀", ""),
        ("\t\n", "", ""),
    ],
)
def test_clean_query_keeps_what_can_be_shown_and_the_words_to_search(raw, text, terms):
    query = clean_query(raw)

    assert (query.text, query.terms, query.shortened) == (text, terms, False)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("word " * 30, " ".join(["word"] * 20)),
        ("x" * 150, "x" * MAX_QUERY_LENGTH),
        ("x" * 99 + " yyyy", "x" * 99),
        ("x" * 100 + " yyyy", "x" * 100),
    ],
)
def test_clean_query_shortens_at_a_whole_word(raw, text):
    query = clean_query(raw)

    assert (query.text, query.shortened) == (text, True)
    assert len(query.text) <= MAX_QUERY_LENGTH
