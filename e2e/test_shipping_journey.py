"""Shipping and taxes in the browser: a Russian shopper ships to Russia, sees the shipping price and the 20 % tax,
pays on the test-card page and gets an invoice with the breakdown; a Spanish shopper over 50 ships free.

The shipping options are refreshed with the form's "Update shipping options" button (no JavaScript needed).
"""

import re
import subprocess
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from checkout.models import Order
from demo.shipping import ensure_shipping_and_taxes
from products.models import Product

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def shipping(catalog, settings):
    """The demo's zones, methods and rates over the translated kitchen; no Stripe keys (the test-card page)."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    ensure_shipping_and_taxes()
    Product.objects.filter(sku="KET-1").update(weight=900)
    return catalog


def fill_details(page, labels, country):
    """`labels`: first name, last name, email, address, postal code, city and country, in the page's language."""
    *text_labels, country_label = labels
    values = ("Борис", "Иванов", "boris@example.com", "ул. Ленина, 1", "101000", "Москва")
    for label, value in zip(text_labels, values, strict=True):
        page.get_by_label(label).fill(value)
    page.get_by_label(country_label).select_option(country)


def test_a_russian_shopper_pays_shipping_and_20_percent_tax_and_gets_the_breakdown(browser_page, live_server, shipping):
    page = browser_page
    page.goto(live_server.url + shipping["kettle"]["ru"].url)
    page.get_by_role("button", name="В корзину").click()
    expect(page.locator(".cart-link")).to_contain_text("1")
    page.locator(".cart-link").click()
    expect(page.locator("[data-money-row=shipping]")).to_have_text(re.compile(r"Доставка\s*от 4,95\s\$"))

    page.get_by_role("link", name="Оформить заказ").click()
    expect(page).to_have_url(re.compile(r"/ru/oformlenie/$"))
    fill_details(page, ["Имя", "Фамилия", "Электронная почта", "Адрес", "Почтовый индекс", "Город", "Страна"], "RU")
    page.get_by_role("button", name="Обновить варианты доставки").click()

    # Russia's one method, chosen already; the summary holds shipping and the 20 % tax the prices include
    method = page.get_by_label("Международная почта — 14,95\xa0$ (7–21 рабочий день)", exact=False)
    expect(method).to_be_checked()
    summary = page.locator(".checkout__summary")
    expect(summary.locator(".order-lines__shipping")).to_contain_text("Доставка: Международная почта")
    expect(summary.locator(".order-lines__tax")).to_have_text(re.compile(r"В том числе налог 20\s%\s*6,57\s\$"))
    expect(summary.locator(".order-total")).to_have_text("39,45\xa0$")

    page.get_by_role("button", name="Оформить заказ").click()
    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/ru/oformlenie/zakaz/{re.escape(order.token)}/$"))
    assert (order.shipping_name, order.shipping_price, order.tax, order.total) == (
        "Международная почта",
        Decimal("14.95"),
        Decimal("6.57"),
        Decimal("39.45"),
    )

    page.get_by_role("button", name="Оплатить").click()
    page.get_by_label("Номер карты").fill("4242 4242 4242 4242")
    page.get_by_label("Срок действия").fill("12 / 34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name="Оплатить 39,45\xa0$").click(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо, ваш заказ оплачен")

    invoice = page.request.get(page.get_by_role("link", name="Счёт (PDF)").get_attribute("href"))
    text = " ".join(
        subprocess.run(["pdftotext", "-layout", "-", "-"], input=invoice.body(), capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "Доставка:" in text and "Международная" in text  # the shipping line (its title may wrap)
    assert "1 14,95 $ 12,46 $ 20 % 2,49 $ 14,95 $" in text
    assert (
        "Налог по ставкам Ставка Без налога Налог Сумма 20 % 32,88 $ 6,57 $ 39,45 $ Итого 32,88 $ 6,57 $ 39,45 $"
        in text
    )
    assert "В том числе налог 20 % 6,57 $ Итого 39,45 $" in text  # the money summary


def test_a_spanish_shopper_over_50_ships_free(browser_page, live_server, shipping):
    page = browser_page
    page.goto(live_server.url + shipping["kettle"]["es"].url)
    page.get_by_label("Cantidad").fill("3")
    page.get_by_role("button", name="Añadir al carrito").click()
    expect(page.locator(".cart-link")).to_contain_text("3")
    page.locator(".cart-link").click()
    expect(page.locator("[data-money-row=shipping]")).to_have_text(re.compile(r"Envío\s*gratis"))

    page.get_by_role("link", name="Finalizar compra").click()
    fill_details(
        page, ["Nombre", "Apellidos", "Correo electrónico", "Dirección", "Código postal", "Ciudad", "País"], "ES"
    )
    page.get_by_role("button", name="Actualizar opciones de envío").click()
    page.get_by_label("Envío estándar — gratis", exact=False).check()
    page.get_by_role("button", name="Actualizar opciones de envío").click()
    expect(page.locator(".checkout__summary .order-lines__shipping")).to_contain_text("gratis")
    expect(page.locator(".checkout__summary .order-total")).to_have_text("73,50\xa0US$")
    page.get_by_role("button", name="Hacer pedido").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/{re.escape(order.token)}/$"))
    expect(page.locator(".order-lines__shipping")).to_contain_text("gratis")
    assert (order.country, order.shipping_name, order.shipping_price, order.total) == (
        "ES",
        "Envío estándar",
        Decimal("0.00"),
        Decimal("73.50"),
    )
