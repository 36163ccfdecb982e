"""A shopper adds two products in Spanish, switches to Russian, changes a quantity and places the order.

Playwright drives Debian's chromium against pytest-django's live server (fixtures in e2e/conftest.py).
"""

import re
from decimal import Decimal

import pytest

from checkout.models import Order

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_shopper_orders_in_spanish_then_russian(browser_page, live_server, catalog):
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect

    # In Spanish: one kettle from the category page, one mug from its product page.
    page.goto(live_server.url + catalog["category"]["es"].url)
    page.get_by_role("button", name="Añadir Hervidor al carrito").click()
    expect(page.get_by_text("Añadido a tu carrito.")).to_be_visible()
    page.goto(live_server.url + catalog["mug"]["es"].url)
    page.get_by_label("Cantidad").fill("1")
    page.get_by_role("button", name="Añadir al carrito").click()
    expect(page.locator(".cart-link")).to_contain_text("Carrito: 2 artículos")

    page.locator(".cart-link").click()
    expect(page).to_have_url(re.compile(r"/es/carrito/$"))
    expect(page.locator("tr.cart-line th a")).to_have_text(["Hervidor", "Taza"])

    # Switching to Russian keeps the cart; the titles follow the language.
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/korzina/$"))
    expect(page.locator("tr.cart-line th a")).to_have_text(["Чайник", "Кружка"])

    # Two kettles instead of one.
    page.get_by_label("Количество: Чайник").fill("2")
    page.locator("tr.cart-line", has_text="Чайник").get_by_role("button", name="Обновить").click()
    expect(page.get_by_text("Корзина обновлена.")).to_be_visible()
    expect(page.locator(".cart-table .order-total")).to_have_text("57,00\xa0$")

    page.get_by_role("link", name="Оформить заказ").click()
    expect(page).to_have_url(re.compile(r"/ru/oformlenie/$"))
    page.get_by_label("Имя").fill("Анна")
    page.get_by_label("Фамилия").fill("Петрова")
    page.get_by_label("Электронная почта").fill("anna@example.com")
    page.get_by_label("Адрес").fill("ул. Ленина, 1")
    page.get_by_label("Почтовый индекс").fill("101000")
    page.get_by_label("Город").fill("Москва")
    page.get_by_label("Страна").select_option("RU")
    page.get_by_role("button", name="Оформить заказ").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/ru/oformlenie/zakaz/{re.escape(order.token)}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Заказ {order.number}")
    expect(page.get_by_role("button", name="Оплатить")).to_be_visible()
    assert order.language == "ru"
    assert order.status == Order.Status.PENDING
    assert [(line.title, line.quantity, line.unit_price) for line in order.lines.all()] == [
        ("Чайник", 2, Decimal("24.50")),
        ("Кружка", 1, Decimal("8.00")),
    ]
    assert order.total == Decimal("57.00")
    assert (order.first_name, order.city, order.country) == ("Анна", "Москва", "RU")
