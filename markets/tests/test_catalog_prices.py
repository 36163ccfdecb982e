"""The catalog's pages show prices in the shopper's market: cards, the product page (with its variant picker and a
sale), the JSON-LD offers; a variant without a price there says so and cannot be added to the cart."""

import json
import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from markets.models import PricingRule, VariantPrice
from markets.resolution import MARKET_COOKIE
from products.tests import factories

from .factories import set_rate, three_markets

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(homes):
    markets = three_markets()
    set_rate("EUR", "0.92")
    set_rate("RUB", "90.55")
    category = factories.add_category(homes["en"], "Kitchen")
    kettle = factories.add_product_page(category, factories.ProductFactory(sku="KET", price=D("34.50")), "Kettle")
    return {"markets": markets, "category": category, "kettle": kettle}


def page(client, url, market=None, language=None):
    if market:
        client.cookies[MARKET_COOKIE] = market
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


@pytest.mark.parametrize(
    ("market", "shown"),
    [("us", "$34.50"), ("eurozone", "€31.99"), ("russia", "RUB3,124")],
)
def test_the_product_page_and_its_card_show_the_market_s_price(client, shop, market, shown):
    html = page(client, shop["kettle"].url, market)
    assert '<p class="product__price" data-variant-price aria-live="polite" data-market-prices=' in html
    assert f">{shown}</p>" in html
    listing = page(client, shop["category"].url, market)
    assert f'<p class="product-card__price">{shown}</p>' in listing


def test_money_reads_as_the_page_s_language_writes_it(client, shop, homes):
    spanish = factories.translate(shop["category"], "es")
    kettle = factories.translate(shop["kettle"], "es")
    assert "31,99\xa0€" in page(client, kettle.url, "eurozone")
    assert "34,50\xa0US$" in page(client, spanish.url, "us")


def test_a_russian_reader_sees_whole_roubles(client, shop, homes):
    factories.translate(shop["category"], "ru")
    kettle = factories.translate(shop["kettle"], "ru")
    assert "3\xa0124\xa0₽" in page(client, kettle.url, "russia")


def test_a_first_visit_is_placed_by_the_browser_s_region(client, shop):
    assert "€31.99" in page(client, shop["kettle"].url, language="es-ES,es;q=0.9")
    assert "$34.50" in page(client, shop["kettle"].url, language="es-US,es;q=0.9")


@pytest.mark.parametrize("code", ["atlantis", "", "x" * 300, "eurozone\x00"])
def test_an_unknown_market_in_the_cookie_or_the_address_is_the_default_one(client, shop, code):
    assert "$34.50" in page(client, shop["kettle"].url, code)
    client.cookies.clear()
    response = client.get(shop["kettle"].url, {"market": code})
    assert response.status_code == 200
    assert "$34.50" in response.content.decode()


def test_the_address_may_name_the_market(client, shop):
    assert "€31.99" in page(client, shop["kettle"].url + "?market=eurozone")


def test_a_sale_is_converted_by_the_same_rule_and_struck_through(client, shop):
    product = shop["kettle"].product
    product.sale_price, product.sale_starts_at = D("30.00"), timezone.now()
    product.save()
    html = page(client, shop["kettle"].url, "eurozone")
    assert '<ins class="price__now">€27.99</ins>' in html
    assert '<del class="price__was">€31.99</del>' in html
    assert "You save €4.00" in html


def test_an_explicit_price_overrides_the_converted_one(client, shop):
    VariantPrice.objects.create(
        market=shop["markets"]["eurozone"], variant=factories.variant_of(shop["kettle"].product), price=D("29.00")
    )
    assert "€29.00" in page(client, shop["kettle"].url, "eurozone")
    assert "€29.00" in page(client, shop["category"].url, "eurozone")


def test_without_a_price_in_the_market_the_page_says_so_and_offers_no_add_to_cart(client, shop):
    shop["markets"]["russia"].pricing = PricingRule.EXPLICIT
    shop["markets"]["russia"].save()
    html = page(client, shop["kettle"].url, "russia")
    assert "Not available in your market" in html
    assert "This product cannot be bought in your market." in html
    assert 'action="/cart/add/"' not in html and "cart/add" not in html
    assert "offers" not in json_ld(html)
    listing = page(client, shop["category"].url, "russia")
    assert '<p class="product-card__price price--unavailable">Not available in your market</p>' in listing
    assert "Add Kettle to your cart" not in listing
    assert "RUB\xa00" not in html + listing and "₽" not in html + listing


def test_the_json_ld_offer_is_in_the_market_s_currency_at_its_address(client, shop):
    offer = json_ld(page(client, shop["kettle"].url, "eurozone"))["offers"]
    assert offer["price"] == "31.99"
    assert offer["priceCurrency"] == "EUR"
    assert offer["url"].endswith(f"{shop['kettle'].url}?market=eurozone")
    roubles = json_ld(page(client, shop["kettle"].url, "russia"))["offers"]
    assert (roubles["price"], roubles["priceCurrency"]) == ("3124", "RUB")


def test_the_variant_picker_shows_each_variant_s_market_price_and_which_cannot_be_bought(client, shop):
    product = shop["kettle"].product
    _size, sizes = factories.option_type("Size", ["S", "L"])
    product.variants.all().delete()
    small = factories.add_variant(product, "KET-S", options=[sizes["S"]])
    large = factories.add_variant(product, "KET-L", price=D("40.00"), options=[sizes["L"]])
    VariantPrice.objects.create(market=shop["markets"]["eurozone"], variant=small, price=D("30.00"))
    shop["markets"]["eurozone"].pricing = PricingRule.EXPLICIT
    shop["markets"]["eurozone"].save()
    html = page(client, shop["kettle"].url, "eurozone")
    prices = json.loads(unescape(re.search(r'data-market-prices="([^"]*)"', html).group(1)))
    assert prices == {
        "KET-S": {"text": "€30.00", "available": True},
        "KET-L": {"text": "Not available in your market", "available": False},
    }
    assert large.sku in html


def test_a_shop_without_markets_shows_base_prices_and_no_chooser(client, homes):
    category = factories.add_category(homes["en"], "Kitchen")
    kettle = factories.add_product_page(category, factories.ProductFactory(sku="KET", price=D("34.50")), "Kettle")
    html = page(client, kettle.url)
    assert ">$34.50</p>" in html
    assert "market-chooser" not in html
    assert json_ld(html)["offers"]["url"].endswith(kettle.url)  # no market to name


def test_suggestions_are_in_the_market_s_currency(client, shop):
    client.cookies[MARKET_COOKIE] = "eurozone"
    response = client.get(reverse("search_suggestions"), {"q": "ket"})
    assert response.json()["results"][0]["price"] == "€31.99"
    assert {"Cookie", "Accept-Language"} <= {part.strip() for part in response["Vary"].split(",")}
