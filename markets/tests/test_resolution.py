"""Which market a request is in: the cookie, else the browser's region or an unambiguous language, else the
default; and hostile input never breaks it."""

import pytest
from django.test import RequestFactory, override_settings

from markets.resolution import MARKET_COOKIE, market_for, region_of

from .factories import three_markets

pytestmark = pytest.mark.django_db


@pytest.fixture
def markets():
    return three_markets()


def request_with(accept_language=None, cookie=None):
    request = RequestFactory().get("/en/")
    if accept_language is not None:
        request.META["HTTP_ACCEPT_LANGUAGE"] = accept_language
    if cookie is not None:
        request.COOKIES[MARKET_COOKIE] = cookie
    return request


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-ES", "eurozone"),
        ("es-ES,es;q=0.9,en;q=0.8", "eurozone"),
        ("ru-RU,ru;q=0.9", "russia"),
        ("en-US,en;q=0.9", "us"),
        # Language and market differ: a Spanish reader in the United States pays in dollars.
        ("es-US,es;q=0.9", "us"),
        ("de-DE", "eurozone"),
        # A bare language points at the one market whose default language it is.
        ("ru", "russia"),
        ("es", "eurozone"),
        # A region no market holds tells nothing; the next language does.
        ("en-GB,ru;q=0.5", "russia"),
        ("pt-BR", "us"),
        ("zh-Hant-TW,fr-FR;q=0.3", "eurozone"),
        ("", "us"),
        ("*", "us"),
        ("es-419", "eurozone"),
    ],
)
def test_guessed_from_accept_language(markets, header, expected):
    assert market_for(request_with(header)).code == expected


def test_a_bare_language_two_markets_share_guesses_nothing(markets):
    markets["russia"].default_language = "es"
    markets["russia"].save()
    assert market_for(request_with("es")).code == "us"
    assert market_for(request_with("es-ES")).code == "eurozone"


def test_the_chosen_market_wins_over_the_browser(markets):
    assert market_for(request_with("ru-RU", cookie="eurozone")).code == "eurozone"


@pytest.mark.parametrize(
    "cookie",
    ["", "atlantis", "EUROZONE", "x" * 5000, "eurozone\x00", "'; DROP TABLE markets_market; --", "ru-RU", "\u202e"],
)
def test_an_unknown_or_hostile_cookie_means_the_default_market(markets, cookie):
    assert market_for(request_with("ru-RU", cookie=cookie)).code == "us"


@pytest.mark.parametrize("header", ["x" * 10_000, "ru-RU;q=abc", ";;;,,,", "es-ES;q=0", "\xff\xfe", "q=1;ru-ru"])
def test_a_hostile_accept_language_never_breaks(markets, header):
    assert market_for(request_with(header)).code in {"us", "eurozone", "russia"}


def test_the_market_is_looked_up_once_per_request(markets, django_assert_num_queries):
    request = request_with("ru-RU")
    with django_assert_num_queries(1):
        assert market_for(request) == market_for(request) == markets["russia"]


def test_no_markets_no_market(db):
    assert market_for(request_with("es-ES")) is None


def locate_spain(request):
    return "es"


def test_geolocation_is_off_unless_a_setting_names_it(markets):
    assert market_for(request_with("ru-RU")).code == "russia"
    with override_settings(MARKET_GEOLOCATION="markets.tests.test_resolution.locate_spain"):
        assert market_for(request_with("ru-RU")).code == "eurozone"
        assert market_for(request_with("ru-RU", cookie="russia")).code == "russia"


@pytest.mark.parametrize(
    ("tag", "region"), [("es-es", "ES"), ("zh-hant-tw", "TW"), ("es", None), ("es-419", None), ("en-ß1", None)]
)
def test_region_of(tag, region):
    assert region_of(tag) == region
