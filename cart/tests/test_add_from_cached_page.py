"""Adding to the cart from a cached catalog page, whose form carries no CSRF token (storefront/csrf.py): without
JavaScript through a confirmation page that carries one, with JavaScript through /csrf/; the header badge's
`cart_count` cookie follows the cart."""

import re

import pytest
from django.test import Client

from products.tests.factories import variant_of

from .conftest import session_cart, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(settings):
    """A visitor whose every unsafe request is CSRF-checked, as a browser's is, with the page cache on."""
    settings.PAGE_CACHE_ENABLED = True
    return Client(enforce_csrf_checks=True)


def form_fields(html: str, action: str) -> dict[str, str]:
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S).group(1)
    return dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))


def test_without_javascript_the_shopper_confirms_and_the_product_is_added(browser, shop):
    page = shop["pages"]["kettle"]
    browser.get(page.url)
    cached = browser.get(page.url)
    assert cached["X-Page-Cache"] == "hit"
    fields = form_fields(cached.content.decode(), url("cart:add"))
    assert "csrfmiddlewaretoken" not in fields

    confirmation = browser.post(url("cart:add"), {**fields, "quantity": "2"})

    assert confirmation.status_code == 200
    assert session_cart(browser) is None
    assert "no-store" in confirmation["Cache-Control"]
    confirm_fields = form_fields(confirmation.content.decode(), url("cart:add"))
    assert confirm_fields["csrfmiddlewaretoken"]
    assert (confirm_fields["variant"], confirm_fields["quantity"], confirm_fields["next"]) == (
        str(variant_of(shop["kettle"]).pk),
        "2",
        page.url,
    )

    added = browser.post(url("cart:add"), confirm_fields)

    assert (added.status_code, added.url) == (302, page.url)
    assert session_cart(browser) == {str(variant_of(shop["kettle"]).pk): {"quantity": 2, "price": "24.50"}}
    assert added.cookies["cart_count"].value == "2"


def test_with_javascript_the_token_from_csrf_adds_at_once(browser, shop):
    response = browser.get("/csrf/")
    token = response.json()["token"]

    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in browser.cookies
    added = browser.post(
        url("cart:add"), {"variant": variant_of(shop["kettle"]).pk, "quantity": "1", "csrfmiddlewaretoken": token}
    )
    assert added.status_code == 302
    assert session_cart(browser) == {str(variant_of(shop["kettle"]).pk): {"quantity": 1, "price": "24.50"}}


def test_a_forged_token_adds_nothing(browser, shop):
    browser.get("/csrf/")

    response = browser.post(
        url("cart:add"), {"variant": variant_of(shop["kettle"]).pk, "quantity": "1", "csrfmiddlewaretoken": "x" * 64}
    )

    assert response.status_code == 200
    assert session_cart(browser) is None
    assert "sessionid" not in response.cookies


def test_the_cart_count_cookie_follows_the_cart_and_is_readable_by_scripts(client, shop, add):
    added = add(shop["kettle"], "3")
    assert added.cookies["cart_count"].value == "3"
    assert not added.cookies["cart_count"]["httponly"]

    removed = client.post(url("cart:remove"), {"variant": variant_of(shop["kettle"]).pk})

    assert removed.cookies["cart_count"].value == ""
    assert removed.cookies["cart_count"]["max-age"] == 0
