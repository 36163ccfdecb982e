"""A translator translates a product into Russian in wagtail-localize's editor and publishes it."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from home.tests.localize_helpers import make_translator, start_translation
from products.tests import factories

from .conftest import translate_segment

pytestmark = pytest.mark.e2e


def amount(text):
    """'$31.00' or '31,00 $' → Decimal('31.00'): the number whatever the locale's format."""
    return Decimal(re.sub(r"[^\d,.]", "", text).replace(",", "."))


def test_translator_translates_a_product_into_russian(live_server, catalog, browser_page):
    page = browser_page
    # Given an English product page whose Russian translation was started, and a translator
    lamp = factories.add_product_page(
        catalog["category"]["en"],
        factories.ProductFactory(sku="LAMP-1", name="Lamp", price="31.00"),
        title="Lamp",
        short_description="A warm reading lamp.",
    )
    translation = start_translation(lamp, "ru")
    ru_page = translation.get_target_instance()
    make_translator("tanya")

    # When the translator signs in to the admin
    page.goto("/admin/login/")
    page.locator("#id_username").fill("tanya")
    page.locator("#id_password").fill("pw-translator-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    # And opens the Russian page, which Wagtail hands to wagtail-localize's translation editor
    page.goto(f"/admin/pages/{ru_page.pk}/edit/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".js-translation-editor")).to_be_attached()

    # And translates the title and the short description, then publishes
    translate_segment(page, "Lamp", "Лампа для чтения")
    translate_segment(page, "A warm reading lamp.", "Тёплая лампа для чтения.")
    page.get_by_role("button", name="Publish in Русский").click()
    page.wait_for_load_state("networkidle")

    # Then the Russian product page shows the new text at the English page's price
    page.goto(lamp.url)
    english_price = page.locator(".product__price").text_content()
    ru_page.refresh_from_db()
    page.goto(ru_page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Лампа для чтения")
    expect(page.get_by_text("Тёплая лампа для чтения.")).to_be_visible()
    assert amount(page.locator(".product__price").text_content()) == amount(english_price) == Decimal("31.00")
