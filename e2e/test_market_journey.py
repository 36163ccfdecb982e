"""A shopper switches the market in the header of a cached page: every price on it changes to the new market's
currency, with none of the old one left, and the page stays a cached one (issue #26)."""

import pytest
from playwright.sync_api import expect

from e2e.accessibility import assert_accessible
from markets.tests.factories import set_rate, three_markets

pytestmark = pytest.mark.e2e


@pytest.fixture
def markets(catalog):
    made = three_markets()
    set_rate("EUR", "0.92")
    set_rate("RUB", "90.55")
    return made


def prices(page) -> list[str]:
    return page.locator(".product-card__price, .product__price").all_inner_texts()


def test_switching_the_market_on_a_cached_page_changes_every_price(live_server, catalog, markets, browser_page):
    page = browser_page
    url = catalog["category"]["es"].url
    page.request.get(url)  # a first visitor in the United States fills the page cache

    # Given a visitor from the United States on the Spanish kitchen, served from the cache
    response = page.goto(url)
    assert response.headers["x-page-cache"] == "hit"
    assert page.context.cookies() == []
    assert sorted(prices(page)) == ["24,50\xa0US$", "8,00\xa0US$"]
    expect(page.get_by_label("País o región")).to_have_value("us")
    assert_accessible(page, "the kitchen with its market chooser")

    # When they choose the Eurozone in the header
    page.get_by_label("País o región").select_option("eurozone")
    with page.expect_navigation():  # back to the same address: wait for the new page, not the old one's prices
        page.get_by_role("button", name="Cambiar de mercado").click()

    # Then they are back on the page, every price in euros, none in dollars
    expect(page).to_have_url(f"{live_server.url}{url}")
    expect(page.get_by_label("País o región")).to_have_value("eurozone")
    assert sorted(prices(page)) == ["22,99\xa0€", "7,99\xa0€"]
    assert "US$" not in page.locator("main").inner_text()

    # And the product page too, served from the Eurozone's cached copy
    kettle = catalog["kettle"]["es"].url
    page.request.get(kettle)  # its first visitor in the Eurozone (this shopper's cookies)
    assert page.goto(kettle).headers["x-page-cache"] == "hit"
    expect(page.locator(".product__price")).to_have_text("22,99\xa0€")
    assert "US$" not in page.locator("main").inner_text()

    # When they choose Russia there, whole roubles everywhere
    page.get_by_label("País o región").select_option("russia")
    page.get_by_role("button", name="Cambiar de mercado").click()
    expect(page.locator(".product__price")).to_have_text("2.218\xa0RUB")
    assert "€" not in page.locator("main").inner_text()
    page.goto(url)
    assert sorted(prices(page)) == ["2.218\xa0RUB", "724\xa0RUB"]


def test_without_javascript_the_shopper_confirms_the_market_once(
    live_server, catalog, markets, browser, _e2e_database, settings
):
    settings.PAGE_CACHE_ENABLED = True
    context = browser.new_context(java_script_enabled=False, locale="en-US", base_url=live_server.url)
    page = context.new_page()
    try:
        url = catalog["category"]["en"].url
        page.goto(url)
        page.get_by_label("Country or region").select_option("eurozone")
        page.get_by_role("button", name="Change market").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Change market")
        confirm = page.locator("main")
        expect(confirm.get_by_label("Country or region")).to_have_value("eurozone")
        confirm.get_by_role("button", name="Change market").click()

        expect(page).to_have_url(f"{live_server.url}{url}")
        assert sorted(prices(page)) == ["€22.99", "€7.99"]
    finally:
        context.close()
