"""A shopper adds to the cart from a catalog page the full-page cache served: with JavaScript the form fetches
its CSRF token on submit; without it the shop asks for a confirmation first (storefront/csrf.py)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_cached_product_page_sets_no_cookie_and_its_form_adds_with_javascript(live_server, catalog, browser_page):
    page = browser_page
    url = catalog["kettle"]["es"].url
    page.request.get(url)  # a first visitor fills the page cache

    # Given a visitor opening the Spanish kettle page, served from the cache and setting no cookie
    response = page.goto(url)
    assert response.headers["x-page-cache"] == "hit"
    assert "public" in response.headers["cache-control"]
    assert page.context.cookies() == []
    expect(page.locator(".cart-link")).to_contain_text("Carrito: 0 artículos")

    # When they add two to the cart
    page.get_by_label("Cantidad").fill("2")
    page.locator(".buy-box").get_by_role("button").click()

    # Then they are back on the page, told so, with the badge counting two
    expect(page).to_have_url(f"{live_server.url}{url}")
    expect(page.locator(".messages")).to_contain_text("Añadido a tu carrito.")
    expect(page.locator(".cart-link")).to_contain_text("Carrito: 2 artículos")
    assert {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}["cart_count"] == "2"


def test_without_javascript_the_shopper_confirms_once(live_server, catalog, browser, _e2e_database, settings):
    settings.PAGE_CACHE_ENABLED = True
    context = browser.new_context(java_script_enabled=False, locale="en-US", base_url=live_server.url)
    page = context.new_page()
    try:
        url = catalog["mug"]["en"].url
        page.goto(url)
        page.goto(url)  # the cached copy
        page.locator(".buy-box").get_by_role("button", name="Add to cart").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Add to your cart")
        page.get_by_role("button", name="Add to cart").click()

        expect(page).to_have_url(f"{live_server.url}{url}")
        expect(page.locator(".messages")).to_contain_text("Added to your cart.")
        expect(page.locator(".cart-link")).to_contain_text("Cart: 1 item")
    finally:
        context.close()
