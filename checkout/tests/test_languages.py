"""Checkout, order page and confirmation email in Spanish and Russian."""

import pytest
from django.urls import reverse
from django.utils import translation

from checkout.orders import emails, services
from checkout.orders.exceptions import OutOfStock
from products.models import ProductVariant
from products.tests.factories import variant_of

from .conftest import ListCart

pytestmark = pytest.mark.django_db


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("language", "checkout_path", "order_path"),
    [
        ("en", "/en/checkout/", "/en/checkout/order/T/"),
        ("es", "/es/finalizar-compra/", "/es/finalizar-compra/pedido/T/"),
        ("ru", "/ru/oformlenie/", "/ru/oformlenie/zakaz/T/"),
    ],
)
def test_checkout_urls_are_translated(language, checkout_path, order_path):
    assert url("checkout:checkout", language) == checkout_path
    assert url("checkout:order", language, token="T") == order_path


@pytest.mark.parametrize(
    ("language", "labels", "country"),
    [
        ("es", ["Nombre", "Apellidos", "Correo electrónico", "Código postal", "País"], '<option value="ES">España'),
        ("ru", ["Имя", "Фамилия", "Электронная почта", "Почтовый индекс", "Страна"], '<option value="RU">Россия'),
    ],
)
def test_the_checkout_form_is_translated(client, shop, language, labels, country):
    client.post(url("cart:add", language), {"variant": str(variant_of(shop["kettle"]).pk), "quantity": "1"})

    html = client.get(url("checkout:checkout", language)).content.decode()

    for label in labels:
        assert f">{label}:</label>" in html
    assert country in html


def test_form_errors_are_translated(client, shop):
    client.post(url("cart:add", "ru"), {"variant": str(variant_of(shop["kettle"]).pk), "quantity": "1"})

    response = client.post(url("checkout:checkout", "ru"), {"email": "nope", "submission_key": "x"})

    errors = response.context["form"].errors
    assert errors["first_name"] == ["Требуется заполнить это поле."]
    assert errors["email"] == ["Введите правильный адрес электронной почты."]


@pytest.mark.parametrize(
    ("available", "message"),
    [
        (1, "Осталась только 1 штука «Mug». Измените количество в корзине."),
        (2, "Осталось только 2 штуки «Mug». Измените количество в корзине."),
        (0, "«Mug» только что закончился. Удалите его из корзины."),
    ],
)
def test_out_of_stock_is_told_in_russian_with_the_right_plural(shop, customer, available, message):
    ProductVariant.objects.filter(product=shop["mug"]).update(stock=available)

    with translation.override("ru"), pytest.raises(OutOfStock) as error:
        services.place_order(ListCart((shop["mug"], 3)), customer, "ru")

    assert error.value.message == message


def test_the_order_page_speaks_the_shoppers_language(client, catalog, customer):
    order = services.place_order(ListCart((catalog["kettle"]["en"].product, 1)), customer, "ru")

    html = client.get(url("checkout:order", "es", token=order.token)).content.decode()

    assert f"<h1>Pedido {order.number}</h1>" in html
    assert "Pendiente de pago" in html
    assert "Pagar ahora</button>" in html
    assert "España" in html


@pytest.mark.parametrize(
    ("language", "subject", "greeting", "title", "total", "link"),
    [
        (
            "es",
            "Tu pedido {number} en My Shop",
            "Hola, Ana:",
            "Hervidor",
            "24,50\xa0US$",
            "/es/finalizar-compra/pedido/",
        ),
        (
            "ru",
            "Ваш заказ {number} в магазине «My Shop»",
            "Здравствуйте, Ana!",
            "Чайник",
            "24,50\xa0$",
            "/ru/oformlenie/zakaz/",
        ),
    ],
)
def test_the_confirmation_email_is_in_the_orders_language(
    catalog, customer, mailoutbox, language, subject, greeting, title, total, link
):
    order = services.place_order(ListCart((catalog["kettle"]["en"].product, 1)), customer, language)

    with translation.override("en"):
        emails.send_confirmation(order.pk)

    (message,) = mailoutbox
    html = message.alternatives[0][0]
    assert message.subject == subject.format(number=order.number)
    for part in (message.body, html):
        assert greeting in part
        assert title in part
        assert total in part
        assert f"http://localhost{link}{order.token}/" in part
    assert f'<html lang="{language}" dir="ltr">' in html
