"""Browsing writes nothing; the header shows the cart on every page; the cart page lists and explains lines."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from products.models import ProductVariant
from products.tests.factories import variant_of

from .conftest import url

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


def test_browsing_without_adding_creates_no_session_and_no_session_cookie(catalog):
    client = Client()
    pages = ["/en/", catalog["category"]["en"].url, catalog["kettle"]["en"].url, catalog["kettle"]["es"].url]
    pages += [url("cart:detail"), url("cart:detail", "ru")]

    responses = [client.get(page) for page in pages]

    assert [response.status_code for response in responses] == [200] * len(pages)
    assert all("sessionid" not in response.cookies for response in responses)
    assert "sessionid" not in client.cookies
    assert Session.objects.count() == 0


def test_the_header_links_to_the_cart_with_its_count_and_total(client, shop, add):
    add(shop["kettle"], "2")
    add(shop["mug"], "1")

    html = client.get(shop["pages"]["kettle"].url).content.decode()

    assert f'<a class="cart-link" href="{url("cart:detail")}" data-cart-count="3" data-label-zero=' in html
    assert "Cart: 3 items · $57.00" in html


def test_the_header_of_an_empty_cart_says_so(client, shop):
    html = client.get(shop["pages"]["kettle"].url).content.decode()

    assert 'data-cart-count="0"' in html
    assert "Cart: 0 items" in html


def test_product_and_category_pages_offer_the_add_form(client, shop):
    product_html = client.get(shop["pages"]["kettle"].url).content.decode()
    category_html = client.get(shop["category"].url).content.decode()

    add_url = url("cart:add")
    assert f'action="{add_url}"' in product_html
    assert f'name="variant" value="{variant_of(shop["kettle"]).pk}"' in product_html
    assert 'name="quantity" value="1" min="1" max="10"' in product_html
    assert category_html.count(f'action="{add_url}"') == 2
    assert 'aria-label="Add Mug to your cart"' in category_html


def test_a_product_not_in_stock_has_no_add_form(client, shop):
    ProductVariant.objects.filter(product=shop["kettle"]).update(stock=0)

    html = client.get(shop["pages"]["kettle"].url).content.decode()

    assert f'name="variant" value="{variant_of(shop["kettle"]).pk}"' not in html


def test_the_cart_page_lists_lines_with_todays_prices_and_says_when_they_changed(client, shop, add):
    add(shop["kettle"], "2")
    shop["kettle"].price = "30.00"
    shop["kettle"].save()

    html = client.get(url("cart:detail")).content.decode()

    assert "The price changed from $24.50 to $30.00 since you added it." in html
    assert '<td class="cart-line__total" data-label="Total">$60.00</td>' in html
    assert '<td class="order-lines__amount order-total" colspan="2">$60.00</td>' in html


def test_the_cart_page_flags_lines_that_cannot_be_ordered(client, shop, add):
    add(shop["kettle"], "1")
    add(shop["mug"], "3")
    shop["kettle"].for_sale = False
    shop["kettle"].save()
    ProductVariant.objects.filter(product=shop["mug"]).update(stock=1)

    html = client.get(url("cart:detail")).content.decode()

    assert "No longer available. Remove it to place your order." in html
    assert "Only 1 unit is in stock: lower the quantity to place your order." in html


def test_the_cart_survives_a_language_switch(client, catalog, add):
    add(catalog["kettle"]["es"].product, "2", language="es")

    spanish = client.get(url("cart:detail", "es")).content.decode()
    russian = client.get(url("cart:detail", "ru")).content.decode()

    assert f'href="{catalog["kettle"]["es"].url}">Hervidor</a>' in spanish
    assert f'href="{catalog["kettle"]["ru"].url}">Чайник</a>' in russian
    assert 'data-cart-count="2"' in russian


def test_the_cart_survives_logging_in(client, shop, add, django_user_model):
    django_user_model.objects.create_user(username="ana", password="a-long-password-42")
    add(shop["kettle"], "2")
    anonymous_key = client.session.session_key

    response = client.post("/admin/login/", {"username": "ana", "password": "a-long-password-42"})

    assert response.status_code == 302
    assert client.session.session_key != anonymous_key
    assert client.session["cart"] == {str(variant_of(shop["kettle"]).pk): {"quantity": 2, "price": "24.50"}}
