"""A cached page is one market's: its market is part of the key and of `Vary`, a hit asks no query of the
database, and a rate or an explicit price that changes purges that market's pages (in every language) only."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from markets.models import VariantPrice
from markets.resolution import MARKET_COOKIE
from products.tests import factories
from storefront.page_cache import HIT_HEADER

from .factories import set_rate, three_markets

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(homes, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        markets = three_markets()
        set_rate("EUR", "0.92")
        category = factories.add_category(homes["en"], "Kitchen")
        kettle = factories.add_product_page(category, factories.ProductFactory(sku="KET", price=D("34.50")), "Kettle")
        factories.translate(category, "es")
        spanish = factories.translate(kettle, "es")
    return {"markets": markets, "kettle": kettle, "spanish": spanish}


def get(client, url, market=None, **headers):
    client.cookies.clear()
    if market is not None:
        client.cookies[MARKET_COOKIE] = market
    return client.get(url, **headers)


def test_each_market_has_its_own_cached_copy_and_never_another_s(client, shop):
    url = shop["kettle"].url
    euros = get(client, url, "eurozone")
    dollars = get(client, url, "us")
    assert (euros[HIT_HEADER], dollars[HIT_HEADER]) == ("miss", "miss")
    again = get(client, url, "eurozone")
    assert again[HIT_HEADER] == "hit"
    assert "€31.99" in again.content.decode() and "$34.50" not in again.content.decode()
    assert "$34.50" in get(client, url, "us").content.decode()
    # A first visit placed by its browser's region gets that market's copy.
    guessed = get(client, url, HTTP_ACCEPT_LANGUAGE="de-DE")
    assert guessed[HIT_HEADER] == "hit"
    assert "€31.99" in guessed.content.decode()


def test_the_answer_varies_on_the_cookie_and_the_browser_s_languages(client, shop):
    response = get(client, shop["kettle"].url, "eurozone")
    assert "public" in response["Cache-Control"]
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary
    assert not response.cookies


def test_a_hit_asks_nothing_of_the_database(client, shop):
    url = shop["kettle"].url
    get(client, url, "russia")
    with CaptureQueriesContext(connection) as captured:
        response = get(client, url, "russia")
    assert response[HIT_HEADER] == "hit"
    assert len(captured) == 0


def test_a_rate_change_purges_the_pages_of_its_markets_only(client, shop, django_capture_on_commit_callbacks):
    url = shop["kettle"].url
    for market in ("eurozone", "us"):
        get(client, url, market)
    with django_capture_on_commit_callbacks(execute=True):
        set_rate("EUR", "0.80", date=datetime.date(2026, 12, 2))
    euros = get(client, url, "eurozone")
    assert euros[HIT_HEADER] == "miss"
    assert "€27.99" in euros.content.decode()  # 34.50 × 0.80 = 27.60 → .99
    assert get(client, url, "us")[HIT_HEADER] == "hit"


def test_an_explicit_price_purges_its_market_s_pages_in_every_language(
    client, shop, django_capture_on_commit_callbacks
):
    for url in (shop["kettle"].url, shop["spanish"].url):
        get(client, url, "eurozone")
        get(client, url, "us")
    with django_capture_on_commit_callbacks(execute=True):
        price = VariantPrice.objects.create(
            market=shop["markets"]["eurozone"], variant=factories.variant_of(shop["kettle"].product), price=D("25.00")
        )
    english, spanish = get(client, shop["kettle"].url, "eurozone"), get(client, shop["spanish"].url, "eurozone")
    assert (english[HIT_HEADER], spanish[HIT_HEADER]) == ("miss", "miss")
    assert "€25.00" in english.content.decode()
    assert "25,00\xa0€" in spanish.content.decode()
    assert get(client, shop["kettle"].url, "us")[HIT_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        price.delete()
    assert "€31.99" in get(client, shop["kettle"].url, "eurozone").content.decode()


def test_the_header_s_chooser_names_the_market_of_the_copy(client, shop):
    html = get(client, shop["kettle"].url, "russia").content.decode()
    assert '<option value="russia" selected>Russia (RUB)</option>' in html
    assert '<label class="market-chooser__label" for="id_market">Country or region</label>' in html
    assert f'name="next" value="{shop["kettle"].url}"' in html
