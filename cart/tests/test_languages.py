"""The cart's pages and URLs in Spanish and Russian."""

import pytest

from .conftest import url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "path"), [("en", "/en/cart/"), ("es", "/es/carrito/"), ("ru", "/ru/korzina/")])
def test_the_cart_url_is_translated(language, path):
    assert url("cart:detail", language) == path


@pytest.mark.parametrize(
    ("language", "heading", "header"),
    [
        ("es", "<h1>Tu carrito</h1>", "Carrito: 2 artículos · 49,00\xa0US$"),
        ("ru", "<h1>Ваша корзина</h1>", "Корзина: 2 товара · 49,00\xa0$"),
    ],
)
def test_the_cart_page_speaks_the_shoppers_language(client, shop, add, language, heading, header):
    add(shop["kettle"], "2", language=language)

    html = client.get(url("cart:detail", language)).content.decode()

    assert heading in html
    assert header in html


def test_the_language_switcher_keeps_the_shopper_on_the_cart(client, shop):
    html = client.get(url("cart:detail", "es")).content.decode()

    assert 'href="/ru/korzina/" hreflang="ru"' in html
    assert 'href="/en/cart/" hreflang="en"' in html
