"""A shopper in Spanish picks a T-shirt's colour and size on its page (the price follows the choice without a
reload), orders it and pays on the local test-card page; the order names the variant."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from checkout.models import Order
from products.models import OptionValue, ProductVariant
from products.tests import factories

from .accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_shopper_chooses_a_colour_and_size_in_spanish_and_pays(browser_page, live_server, catalog, settings):
    # Given a T-shirt in red and blue, M and L, its colours translated, and a shop paying on the test-card page
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    colour, colours = factories.option_type("Colour", ["Red", "Blue"])
    _size, sizes = factories.option_type("Size", ["M", "L"])
    for value, name in ((colours["Red"], "Rojo"), (colours["Blue"], "Azul")):
        OptionValue.objects.create(
            option_type=colour, name=name, locale=factories.locale("es"), translation_key=value.translation_key
        )
    tee = factories.ProductFactory(sku="TEE", name="T-shirt", price=Decimal("20.00"), default_variant=None)
    for sku, colour_name, size_name, price in (
        ("TEE-RED-M", "Red", "M", None),
        ("TEE-RED-L", "Red", "L", None),
        ("TEE-BLU-M", "Blue", "M", Decimal("22.00")),
        ("TEE-BLU-L", "Blue", "L", Decimal("22.00")),
    ):
        factories.add_variant(tee, sku, stock=5, price=price, options=[colours[colour_name], sizes[size_name]])
    english = factories.add_product_page(catalog["category"]["en"], tee, title="T-shirt")
    spanish = factories.translate(english, "es", title="Camiseta")
    page = browser_page

    # When the shopper opens the Spanish page and picks blue, size L
    page.goto(live_server.url + spanish.url)
    expect(page.locator(".product__price")).to_have_text("20,00\xa0US$")
    assert_accessible(page)
    picker = page.get_by_role("group", name="Colour")
    picker.get_by_label("Azul").check()
    page.get_by_role("group", name="Size").get_by_label("L").check()

    # Then the price and SKU follow without a reload, and the choice goes into the cart
    expect(page.locator(".product__price")).to_have_text("22,00\xa0US$")
    expect(page.locator("[data-variant-sku]")).to_have_text("TEE-BLU-L")
    assert_accessible(page)
    page.get_by_label("Cantidad").fill("2")
    page.get_by_role("button", name="Añadir al carrito").click()
    expect(page.get_by_text("Añadido a tu carrito.")).to_be_visible()
    page.goto(live_server.url + "/es/carrito/")
    expect(page.locator("tr.cart-line th a")).to_have_text(["Camiseta — Azul / L"])

    # When they check out and pay with the test card
    page.get_by_role("link", name="Finalizar compra").click()
    page.get_by_label("Nombre").fill("Lucía")
    page.get_by_label("Apellidos").fill("García")
    page.get_by_label("Correo electrónico").fill("lucia@example.com")
    page.get_by_label("Dirección").fill("Calle Mayor 1")
    page.get_by_label("Código postal").fill("28001")
    page.get_by_label("Ciudad").fill("Madrid")
    page.get_by_label("País").select_option("ES")
    page.get_by_role("button", name="Hacer pedido").click()
    page.get_by_role("button", name="Pagar ahora").click()
    page.get_by_label("Número de tarjeta").fill("4242 4242 4242 4242")
    page.get_by_label("Fecha de caducidad").fill("12 / 34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name=re.compile(r"^Pagar 44,00")).click(timeout=60_000)

    # Then the order is paid, for the blue L, and that variant's stock went down
    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias, su pedido está pagado")
    order = Order.objects.get()
    assert order.status == Order.Status.PAID
    assert [(line.sku, line.title, line.quantity, line.unit_price) for line in order.lines.all()] == [
        ("TEE-BLU-L", "Camiseta — Azul / L", 2, Decimal("22.00"))
    ]
    assert dict(ProductVariant.objects.filter(product=tee).values_list("sku", "stock"))["TEE-BLU-L"] == 3
