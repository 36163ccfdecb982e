"""`markets:choose`: a plain POST form that remembers the market and goes back, never anywhere else."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from markets.forms import MarketChoiceForm
from markets.resolution import MARKET_COOKIE

from .factories import three_markets

pytestmark = pytest.mark.django_db
URL = "/market/choose/"


@pytest.fixture
def markets():
    return three_markets()


def test_the_url():
    assert reverse("markets:choose") == URL


def test_choosing_sets_the_cookie_and_goes_back(client, markets):
    response = client.post(URL, {"market": "eurozone", "next": "/es/kitchen/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/es/kitchen/?page=2"
    cookie = response.cookies[MARKET_COOKIE]
    assert cookie.value == "eurozone"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 60 * 60 * 24 * 365
    assert "no-store" in response["Cache-Control"]


def test_without_next_back_to_the_referring_page_of_this_site(client, markets):
    response = client.post(URL, {"market": "russia"}, HTTP_REFERER="http://testserver/ru/")
    assert response["Location"] == "http://testserver/ru/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "http:\\\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "https://testserver.evil.example/",
        " //evil.example",
        "http://testserver@evil.example/",
    ],
)
def test_no_open_redirect(client, markets, target):
    response = client.post(URL, {"market": "russia", "next": target}, HTTP_REFERER=target)
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("code", ["atlantis", "", "x" * 3000, "us\x00"])
def test_an_unknown_market_changes_nothing(client, markets, code):
    response = client.post(URL, {"market": code, "next": "/en/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert MARKET_COOKIE not in response.cookies


def test_only_post(client, markets):
    assert client.get(URL, {"market": "russia"}).status_code == 405


def test_without_a_csrf_token_nothing_changes_and_the_shopper_confirms_on_a_page_with_one(markets):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(URL, {"market": "russia", "next": "/ru/kitchen/"})
    assert response.status_code == 200
    assert MARKET_COOKIE not in response.cookies
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'value="/ru/kitchen/"' in html
    token = response.context["csrf_token"]
    confirmed = browser.post(URL, {"market": "russia", "next": "/ru/kitchen/", "csrfmiddlewaretoken": str(token)})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/ru/kitchen/"
    assert confirmed.cookies[MARKET_COOKIE].value == "russia"


def test_the_form_is_translated_and_names_markets_in_the_page_s_language(markets, locales):
    spanish = markets["russia"].copy_for_translation(locales["es"])
    spanish.name = "Rusia"
    spanish.save()
    request = RequestFactory().get("/es/kitchen/")
    with translation.override("es"):
        form = MarketChoiceForm(initial={"market": "russia"})
        html = render_to_string("markets/includes/market_form.html", {"form": form}, request=request)
    assert 'action="/market/choose/"' in html
    assert 'name="csrfmiddlewaretoken"' not in html  # on cached pages: fetched on submit (data-csrf)
    assert 'data-csrf="/csrf/"' in html
    assert 'value="/es/kitchen/"' in html
    assert '<option value="russia" selected>Rusia (RUB)</option>' in html
    assert '<option value="us">United States (USD)</option>' in html
    assert "País o región" in html
    assert "Cambiar de mercado" in html
