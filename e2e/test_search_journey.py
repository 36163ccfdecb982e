"""A shopper finds products with the header search box: suggestions by keyboard and mouse, then the results page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_shopper_picks_a_suggestion_with_the_keyboard(live_server, catalog, browser_page):
    page = browser_page
    page.goto("/en/")
    box = page.get_by_role("combobox", name="Search products")

    # When they type the start of a product's name
    box.press_sequentially("ket", delay=30)

    # Then a list of suggestions opens under the box, announced to screen readers
    suggestions = page.get_by_role("listbox", name="Product suggestions")
    expect(suggestions).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(suggestions.get_by_role("option")).to_contain_text("Kettle")
    expect(suggestions.get_by_role("option")).to_contain_text("$24.50")
    expect(page.locator("[data-suggest-status]")).to_have_text("1 suggestion")

    # When they move down to it and press Enter
    box.press("ArrowDown")
    option = suggestions.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")

    # Then they are on the product's page
    expect(page).to_have_url(f"{live_server.url}{catalog['kettle']['en'].url}")


def test_shopper_picks_a_suggestion_with_the_mouse_in_russian(live_server, catalog, browser_page):
    page = browser_page
    page.goto("/ru/")
    box = page.get_by_role("combobox", name="Поиск товаров")

    box.press_sequentially("кру", delay=30)
    option = page.get_by_role("listbox", name="Подсказки товаров").get_by_role("option")
    expect(option).to_contain_text("Кружка")
    expect(page.locator("[data-suggest-status]")).to_have_text("1 подсказка")
    option.click()

    expect(page).to_have_url(f"{live_server.url}{catalog['mug']['ru'].url}")


def test_escape_closes_the_suggestions_and_enter_searches(live_server, catalog, browser_page):
    page = browser_page
    page.goto("/es/")
    box = page.get_by_role("combobox", name="Buscar productos")

    box.press_sequentially("coc", delay=30)
    expect(page.get_by_role("listbox", name="Sugerencias de productos")).to_be_hidden()  # no title starts so
    box.fill("hervidor")
    expect(page.get_by_role("listbox", name="Sugerencias de productos")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox", name="Sugerencias de productos")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    # Enter with no suggestion chosen submits the search
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/es/buscar/\?q=hervidor$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Buscar")
    expect(page.locator(".search-results .product-card")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="resultado")).to_have_text("1 resultado para «hervidor»")


def test_shopper_sorts_and_filters_the_results(live_server, catalog, browser_page):
    page = browser_page
    page.goto("/en/search/?q=kitchen")
    expect(page.locator(".search-results .product-card")).to_have_count(2)

    page.get_by_label("Sort by").select_option(label="Price: low to high")
    page.get_by_role("button", name="Search", exact=True).last.click()

    expect(page.locator(".search-results .product-card__title")).to_have_text(["Mug", "Kettle"])
    page.get_by_label("Sort by").select_option(label="Price: high to low")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page.locator(".search-results .product-card__title")).to_have_text(["Kettle", "Mug"])
