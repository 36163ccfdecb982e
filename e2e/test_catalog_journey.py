"""A shopper browses the catalog in English and switches the product page to Spanish."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def amount(text):
    """'$24.50' or '24,50 US$' → Decimal('24.50'): the number whatever the locale's format."""
    digits = re.sub(r"[^\d,.]", "", text)
    return Decimal(digits.replace(",", "."))


def test_shopper_finds_a_product_and_reads_it_in_spanish(live_server, catalog, browser_page):
    page = browser_page

    # Given a shopper whose browser asks for English, opening the shop's root
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Good things, fairly priced")

    # When they choose the category in the header navigation
    page.get_by_role("navigation", name="Categories").get_by_role("link", name="Kitchen").click()
    expect(page).to_have_url(f"{live_server.url}{catalog['category']['en'].url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kitchen")
    expect(page.locator(".product-card")).to_have_count(2)

    # And sort it by price (the list reloads as soon as the choice changes, once the page's script has run)
    page.wait_for_load_state()
    page.get_by_label("Sort by").select_option("price")
    expect(page).to_have_url(re.compile(r"\?sort=price$"))
    expect(page.locator(".product-card").first).to_contain_text("Mug")
    page.wait_for_load_state()
    page.get_by_label("Sort by").select_option("-price")
    expect(page).to_have_url(re.compile(r"\?sort=-price$"))
    expect(page.locator(".product-card").first).to_contain_text("Kettle")

    # And open a product from the grid
    page.locator(".product-card").filter(has_text="Kettle").get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}{catalog['kettle']['en'].url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kettle")
    english_price = page.locator(".product__price").text_content()
    assert english_price == "$24.50"

    # And switch the language to Spanish
    page.get_by_role("list", name="Language").get_by_role("link", name="Español").click()

    # Then they land on the Spanish page of the same product, at the same price
    expect(page).to_have_url(f"{live_server.url}{catalog['kettle']['es'].url}")
    assert page.url.startswith(f"{live_server.url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hervidor")
    spanish_price = page.locator(".product__price").text_content()
    assert spanish_price == "24,50\xa0US$"
    assert amount(spanish_price) == amount(english_price) == Decimal("24.50")
    expect(page.locator(".product")).to_have_attribute("data-sku", "KET-1")
