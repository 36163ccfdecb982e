"""Adding, changing and removing through the cart's POST endpoints; bad input changes nothing and says why."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from products.models import ProductVariant
from products.tests.factories import variant_of

from .conftest import session_cart, url

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]

WHOLE_NUMBER = "Enter the quantity as a whole number, such as 1 or 2."
AT_LEAST_ONE = "The quantity must be at least 1."
NOT_AVAILABLE = "Sorry, this product is not available."


def texts(response):
    """The messages this request added (earlier ones wait in the cookie until a page shows them)."""
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def test_adding_stores_the_line_and_goes_back_where_the_shopper_was(client, shop, add):
    page = shop["pages"]["kettle"]

    response = add(shop["kettle"], "2", next=page.url)

    assert response.status_code == 302
    assert response.url == page.url
    assert texts(response) == ["Added to your cart."]
    assert session_cart(client) == {str(variant_of(shop["kettle"]).pk): {"quantity": 2, "price": "24.50"}}


def test_adding_again_adds_to_the_line(client, shop, add):
    add(shop["kettle"], "2")

    add(shop["kettle"], "3")

    assert session_cart(client)[str(variant_of(shop["kettle"]).pk)]["quantity"] == 5


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/", "cart:detail", "%00", "/en/\x00", "/en/\r\nX: 1", ""]
)
def test_without_a_safe_next_the_shopper_lands_on_the_cart(client, shop, add, target):
    """Only a path on this site is followed; anything else (never taken for a view name) lands on the cart."""
    response = add(shop["kettle"], "1", next=target)

    assert response.status_code == 302
    assert response.url == url("cart:detail")


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("abc", WHOLE_NUMBER),
        ("0", AT_LEAST_ONE),
        ("-1", AT_LEAST_ONE),
        ("1.5", WHOLE_NUMBER),
        ("1e3", WHOLE_NUMBER),
        ("1,5", WHOLE_NUMBER),
        ("٣", WHOLE_NUMBER),
        ("99999999999999999999999", "Only 10 units are in stock."),
        ("11", "Only 10 units are in stock."),
        ("", "Enter how many you want."),
        ("   ", "Enter how many you want."),
        (["1", "2"], "The form was sent with a field twice. Please try again."),
    ],
)
def test_a_bad_quantity_is_refused_with_a_message_and_the_cart_unchanged(client, shop, add, quantity, message):
    add(shop["mug"], "1")
    before = session_cart(client)

    response = add(shop["kettle"], quantity)

    assert response.status_code == 302
    assert texts(response) == [message]
    assert session_cart(client) == before


def unpublish(shop):
    shop["pages"]["kettle"].unpublish()


def withdraw(shop):
    shop["kettle"].for_sale = False
    shop["kettle"].save()


def delete(shop):
    shop["pages"]["kettle"].delete()
    shop["kettle"].delete()


@pytest.mark.parametrize("make_unavailable", [unpublish, withdraw, delete])
def test_a_product_that_cannot_be_bought_is_refused(client, shop, add, make_unavailable):
    add(shop["mug"], "1")
    before = session_cart(client)
    kettle = variant_of(shop["kettle"])
    make_unavailable(shop)

    response = add(kettle, "1")

    assert texts(response) == [NOT_AVAILABLE]
    assert session_cart(client) == before


@pytest.mark.parametrize("product", ["", "abc", "0", "999999", "1.0", "1e2"])
def test_a_missing_or_malformed_product_is_refused(client, shop, add, product):
    add(shop["mug"], "1")
    before = session_cart(client)

    response = client.post(url("cart:add"), {"variant": product, "quantity": "1"})

    assert texts(response) == [NOT_AVAILABLE]
    assert session_cart(client) == before


def test_a_repeated_product_field_is_refused(client, shop):
    response = client.post(
        url("cart:add"),
        {"variant": [str(variant_of(shop["kettle"]).pk), str(variant_of(shop["mug"]).pk)], "quantity": "1"},
    )

    assert texts(response) == ["The form was sent with a field twice. Please try again."]
    assert session_cart(client) is None


def test_adding_beyond_the_stock_counts_what_the_cart_holds(client, shop, add):
    add(shop["mug"], "2")

    response = add(shop["mug"], "2")

    assert texts(response) == ["Only 3 units are in stock. Your cart already holds 2."]
    assert session_cart(client)[str(variant_of(shop["mug"]).pk)]["quantity"] == 2


def test_a_sold_out_product_is_refused(client, shop, add):
    ProductVariant.objects.filter(product=shop["mug"]).update(stock=0)

    response = add(shop["mug"], "1")

    assert texts(response) == ["Sorry, this product is out of stock."]
    assert session_cart(client) is None


def test_the_per_line_maximum_applies_when_the_stock_is_larger(client, shop, add, settings):
    settings.CART_MAX_LINE_QUANTITY = 5

    response = add(shop["kettle"], "6")

    assert texts(response) == ["You can order at most 5 units of a product."]
    assert session_cart(client) is None


@pytest.mark.parametrize(
    ("language", "quantity", "message"),
    [
        ("es", "abc", "Escribe la cantidad como un número entero, por ejemplo 1 o 2."),
        ("es", "11", "Solo quedan 10 unidades en existencias."),
        ("ru", "0", "Количество должно быть не меньше 1."),
        ("ru", "11", "В наличии только 10 штук."),
    ],
)
def test_messages_are_in_the_shoppers_language(client, shop, add, language, quantity, message):
    response = add(shop["kettle"], quantity, language=language)

    assert texts(response) == [message]


@pytest.mark.parametrize(("stock", "message"), [(1, "1 штука"), (2, "2 штуки"), (5, "5 штук"), (21, "21 штука")])
def test_russian_messages_use_the_right_plural(client, shop, add, stock, message):
    ProductVariant.objects.filter(product=shop["kettle"]).update(stock=stock)

    response = add(shop["kettle"], str(stock + 1), language="ru")

    assert texts(response) == [f"В наличии только {message}."]


def test_a_refused_add_by_a_new_visitor_creates_no_session(client, shop, add):
    response = add(shop["kettle"], "abc")

    assert texts(response) == [WHOLE_NUMBER]
    assert "sessionid" not in response.cookies


def test_changing_a_quantity_sets_it_and_takes_todays_price(client, shop, add):
    add(shop["kettle"], "1")
    shop["kettle"].price = "26.00"
    shop["kettle"].save()

    response = client.post(url("cart:update"), {"variant": str(variant_of(shop["kettle"]).pk), "quantity": "4"})

    assert response.url == url("cart:detail")
    assert texts(response) == ["Your cart was updated."]
    assert session_cart(client) == {str(variant_of(shop["kettle"]).pk): {"quantity": 4, "price": "26.00"}}


@pytest.mark.parametrize(
    ("quantity", "message"),
    [("0", AT_LEAST_ONE), ("x", WHOLE_NUMBER), ("4", "Only 3 units are in stock."), ("", "Enter how many you want.")],
)
def test_a_bad_new_quantity_leaves_the_line_as_it_was(client, shop, add, quantity, message):
    add(shop["mug"], "2")

    response = client.post(url("cart:update"), {"variant": str(variant_of(shop["mug"]).pk), "quantity": quantity})

    assert texts(response) == [message]
    assert session_cart(client)[str(variant_of(shop["mug"]).pk)]["quantity"] == 2


def test_changing_a_product_that_is_not_in_the_cart_is_refused(client, shop, add):
    add(shop["mug"], "1")

    response = client.post(url("cart:update"), {"variant": str(variant_of(shop["kettle"]).pk), "quantity": "1"})

    assert texts(response) == ["This product is not in your cart."]
    assert list(session_cart(client)) == [str(variant_of(shop["mug"]).pk)]


def test_removing_takes_the_line_out(client, shop, add):
    add(shop["mug"], "1")
    add(shop["kettle"], "1")

    response = client.post(url("cart:remove"), {"variant": str(variant_of(shop["mug"]).pk)})

    assert texts(response) == ["Removed from your cart."]
    assert list(session_cart(client)) == [str(variant_of(shop["kettle"]).pk)]


def test_a_product_withdrawn_after_adding_can_still_be_removed(client, shop, add):
    add(shop["mug"], "1")
    withdraw_mug = shop["mug"]
    withdraw_mug.for_sale = False
    withdraw_mug.save()

    client.post(url("cart:remove"), {"variant": str(variant_of(shop["mug"]).pk)})

    assert session_cart(client) == {}


@pytest.mark.parametrize(
    ("product", "message"),
    [
        ("", NOT_AVAILABLE),
        ("abc", "This product is not in your cart."),
        ("999999", "This product is not in your cart."),
    ],
)
def test_removing_something_not_in_the_cart_is_refused(client, shop, add, product, message):
    add(shop["mug"], "1")

    response = client.post(url("cart:remove"), {"variant": product})

    assert texts(response) == [message]
    assert list(session_cart(client)) == [str(variant_of(shop["mug"]).pk)]


@pytest.mark.parametrize("name", ["cart:add", "cart:update", "cart:remove"])
def test_changes_are_post_only(client, name):
    response = client.get(url(name))

    assert response.status_code == 405


@pytest.mark.parametrize("name", ["cart:update", "cart:remove"])
def test_changes_need_the_csrf_token(shop, name):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url(name), {"variant": str(variant_of(shop["kettle"]).pk), "quantity": "1"})

    assert response.status_code == 403
    assert "sessionid" not in response.cookies
