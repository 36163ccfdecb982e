"""Markets in the browser, from the cart on (issue #26): a shopper in Spain pays in euros on the test-card page and
gets a euro invoice; a shopper in Russia pays whole roubles. The market comes from the browser's language and region
(`Accept-Language`), as on a first visit."""

import re
import subprocess
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from checkout.models import Order
from demo.shipping import ensure_shipping_and_taxes
from markets.tests.factories import set_rate, three_markets
from products.models import Product

from .conftest import DESKTOP, TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def markets(catalog, settings):
    """The translated kitchen, the demo's zones and methods, three markets with rates; the test-card page."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    ensure_shipping_and_taxes()
    Product.objects.filter(sku="KET-1").update(weight=900)
    three_markets()
    set_rate("EUR", "0.92")
    set_rate("RUB", "90")
    return catalog


@pytest.fixture
def open_page(browser, live_server, _e2e_database, settings):
    """A page in a fresh context whose browser speaks `locale` ("es-ES": Spanish, in Spain)."""
    settings.PAGE_CACHE_ENABLED = True
    contexts = []

    def opened(locale):
        context = browser.new_context(viewport=DESKTOP, locale=locale, base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield opened
    for context in contexts:
        context.close()


def fill_details(page, labels, values, country):
    *text_labels, country_label = labels
    form = page.get_by_role("main")  # the header's market chooser is labelled "País o región" / "Страна или регион"
    for label, value in zip(text_labels, values, strict=True):
        form.get_by_label(label).fill(value)
    form.get_by_label(country_label).select_option(country)


def pdf_text(page, link_name) -> str:
    document = page.request.get(page.get_by_role("link", name=link_name).get_attribute("href"))
    output = subprocess.run(["pdftotext", "-layout", "-", "-"], input=document.body(), capture_output=True, check=True)
    return " ".join(output.stdout.decode().split())


def test_a_shopper_in_spain_pays_in_euros_and_gets_a_euro_invoice(open_page, live_server, markets):
    page = open_page("es-ES")
    page.goto(live_server.url + markets["kettle"]["es"].url)
    page.get_by_role("button", name="Añadir al carrito").click()
    expect(page.locator(".cart-link")).to_contain_text("1")
    page.locator(".cart-link").click()

    # 24.50 $ × 0.92 = 22.54 → 22,99 € (.99 endings)
    expect(page.locator(".cart-line__price").first).to_contain_text("22,99\xa0€")
    page.get_by_role("link", name="Finalizar compra").click()
    fill_details(
        page,
        ["Nombre", "Apellidos", "Correo electrónico", "Dirección", "Código postal", "Ciudad", "País"],
        ("Ana", "Pérez", "ana@example.com", "Calle Mayor 1", "28013", "Madrid"),
        "ES",
    )
    page.get_by_role("button", name="Actualizar opciones de envío").click()
    page.get_by_label(re.compile(r"Envío estándar — 4,99\xa0€")).check()

    page.get_by_role("button", name="Hacer pedido").click()
    expect(page.locator(".order-total")).to_have_text("27,98\xa0€")
    order = Order.objects.get()
    assert (order.currency, order.total, order.exchange_rate) == ("eur", Decimal("27.98"), Decimal("0.92"))

    page.get_by_role("button", name="Pagar ahora").click()
    expect(page.locator("[data-currency]")).to_have_text("(EUR)")
    page.get_by_label("Número de tarjeta").fill("4242 4242 4242 4242")
    page.get_by_label("Fecha de caducidad").fill("12 / 34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name="Pagar 27,98\xa0€").click(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias, su pedido está pagado")

    text = pdf_text(page, "Factura (PDF)")
    assert "27,98 €" in text and "$" not in text


def test_a_shopper_in_russia_pays_whole_roubles(open_page, live_server, markets):
    page = open_page("ru-RU")
    page.goto(live_server.url + markets["kettle"]["ru"].url)
    page.get_by_role("button", name="В корзину").click()
    expect(page.locator(".cart-link")).to_contain_text("1")
    page.locator(".cart-link").click()

    # 24.50 $ × 90 = 2205 ₽, whole
    expect(page.locator(".cart-line__price").first).to_contain_text("2\xa0205\xa0₽")
    page.get_by_role("link", name="Оформить заказ").click()
    fill_details(
        page,
        ["Имя", "Фамилия", "Электронная почта", "Адрес", "Почтовый индекс", "Город", "Страна"],
        ("Борис", "Иванов", "boris@example.com", "ул. Ленина, 1", "101000", "Москва"),
        "RU",
    )
    page.get_by_role("button", name="Обновить варианты доставки").click()
    page.get_by_role("button", name="Оформить заказ").click()

    order = Order.objects.get()
    # 2205 ₽ and 14.95 $ × 90 = 1345.5 → 1346 ₽ of shipping
    assert (order.currency, order.total) == ("rub", Decimal("3551.00"))
    page.get_by_role("button", name="Оплатить").click()
    expect(page.locator("[data-currency]")).to_have_text("(RUB)")
    page.get_by_label("Номер карты").fill("4242 4242 4242 4242")
    page.get_by_label("Срок действия").fill("12 / 34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name=re.compile(r"Оплатить 3\s551,00\s₽")).click(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо, ваш заказ оплачен")
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
