"""An editor adds a product in one step with two images and publishes it, a translator translates it into
Spanish, and a shopper buys it in Spanish at its sale price."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from checkout.models import Order
from home.tests.localize_helpers import make_translator, start_translation
from products.models import Product, ProductPage
from products.tests import factories

from .conftest import sign_in, translate_segment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_out(page):
    page.context.clear_cookies()


def choose_gallery_image(page, title):
    page.locator("#id_gallery_images-ADD").click()
    page.get_by_role("button", name="Choose an image").last.click()
    modal = page.locator(".modal")
    modal.locator("a[data-chooser-modal-choice]").filter(has_text=title).click()
    expect(modal).to_be_hidden()


def test_a_product_made_in_one_step_is_translated_and_bought_on_sale_in_spanish(live_server, catalog, browser_page):
    page = browser_page
    category = catalog["category"]["en"]
    factories.make_image("Teapot front")
    factories.make_image("Teapot side")
    factories.staff_user(settings.EDITORS_GROUP, username="edith")

    # An editor adds the product page with its SKU, price and stock in the same form, and two images
    sign_in(page, "edith", "pw-staff-1")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/add/products/productpage/{category.pk}/")
    page.locator("#id_title").fill("Teapot")
    page.locator("#id_product_sku").fill("TEA-9")
    page.locator("#id_product_price").fill("30.00")
    page.locator("#id_product_stock").fill("5")
    page.locator("#id_short_description").fill("A round teapot.")
    choose_gallery_image(page, "Teapot front")
    choose_gallery_image(page, "Teapot side")
    page.locator(".footer__container [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Page 'Teapot' created and published.")).to_be_visible()

    english = ProductPage.objects.get(title="Teapot")
    product = english.product
    assert (product.sku, product.price, product.stock, english.live) == ("TEA-9", Decimal("30.00"), 5, True)
    assert english.gallery_images.count() == 2

    # A translator translates it into Spanish and publishes it
    sign_out(page)
    translation = start_translation(english, "es")
    make_translator("tanya", locales=("es",))
    sign_in(page, "tanya", "pw-translator-1")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{translation.get_target_instance().pk}/edit/")
    page.wait_for_load_state("networkidle")
    translate_segment(page, "Teapot", "Tetera")
    translate_segment(page, "A round teapot.", "Una tetera redonda.")
    page.get_by_role("button", name="Publish in español").click()
    page.wait_for_load_state("networkidle")
    spanish = ProductPage.objects.get(locale__language_code="es", translation_key=english.translation_key)
    assert (spanish.title, spanish.live) == ("Tetera", True)

    # The product goes on sale; a shopper buys it in Spanish at the sale price
    sign_out(page)
    Product.objects.filter(pk=product.pk).update(
        sale_price=Decimal("24.00"), sale_starts_at=timezone.now() - timedelta(minutes=1)
    )
    page.goto(spanish.url)
    expect(page.locator(".product__price del")).to_have_text("30,00\xa0US$")
    expect(page.locator(".product__price ins")).to_have_text("24,00\xa0US$")
    expect(page.get_by_text("Ahorra 6,00\xa0US$")).to_be_visible()
    page.get_by_role("button", name="Añadir al carrito").click()
    expect(page.locator(".cart-link")).to_contain_text("Carrito: 1 artículo")
    page.locator(".cart-link").click()
    expect(page.locator(".cart-table .order-total")).to_have_text("24,00\xa0US$")
    page.get_by_role("link", name="Finalizar compra").click()
    page.get_by_label("Nombre").fill("Ana")
    page.get_by_label("Apellidos").fill("Pérez")
    page.get_by_label("Correo electrónico").fill("ana@example.com")
    page.get_by_label("Dirección").fill("Calle Mayor 1")
    page.get_by_label("Código postal").fill("28013")
    page.get_by_label("Ciudad").fill("Madrid")
    page.get_by_label("País").select_option("ES")
    page.get_by_role("button", name="Hacer pedido").click()

    order = Order.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pedido {order.number}")
    assert [(line.sku, line.title, line.unit_price) for line in order.lines.all()] == [
        ("TEA-9", "Tetera", Decimal("24.00"))
    ]
    assert order.total == Decimal("24.00")
