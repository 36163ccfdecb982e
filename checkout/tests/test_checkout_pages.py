"""The checkout form and the order page, through the HTTP layer."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from checkout.models import Order
from products.models import Product, ProductVariant
from products.tests.factories import variant_of

from .factories import CUSTOMER, make_order

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def add(client, product, quantity=1, language="en"):
    client.post(url("cart:add", language), {"variant": str(variant_of(product).pk), "quantity": str(quantity)})


def form_key(response) -> str:
    return re.search(r'name="submission_key" value="([^"]+)"', response.content.decode()).group(1)


def checkout(client, language="en", **changes):
    """GET the checkout page, then POST its form with the customer's details: the POST's response."""
    page = client.get(url("checkout:checkout", language))
    data = {**CUSTOMER, "submission_key": form_key(page), **changes}
    return client.post(url("checkout:checkout", language), data)


def test_an_empty_cart_cannot_check_out(client, shop):
    response = client.get(url("checkout:checkout"))

    assert response.status_code == 302
    assert response.url == url("cart:detail")


def test_the_checkout_page_shows_the_cart_and_the_form(client, shop):
    add(client, shop["kettle"], 2)

    response = client.get(url("checkout:checkout"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kettle" in html and "2 × $24.50" in html and "$49.00" in html
    for label in ("First name", "Last name", "Email", "Address", "Postal code", "City", "Country"):
        assert f">{label}:</label>" in html
    assert '<option value="ES">Spain</option>' in html
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}\.[0-9a-f]{32}", form_key(response))
    assert response["Cache-Control"].startswith("max-age=0, no-cache, no-store")


def test_placing_an_order_redirects_to_its_page_and_keeps_the_cart_until_payment(client, shop):
    add(client, shop["kettle"], 2)

    response = checkout(client)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == url("checkout:order", token=order.token)
    assert order.total == Decimal("49.00")
    assert order.language == "en"
    assert client.session["checkout_pending_order"] == order.token
    assert client.session["cart"] == {str(variant_of(shop["kettle"]).pk): {"quantity": 2, "price": "24.50"}}


def test_the_order_is_placed_in_the_shoppers_language(client, catalog):
    add(client, catalog["kettle"]["es"].product, 1, language="es")

    checkout(client, language="es")

    order = Order.objects.get()
    assert order.language == "es"
    assert order.lines.get().title == "Hervidor"


def test_prices_sent_by_the_browser_are_ignored(client, shop):
    add(client, shop["kettle"], 1)

    checkout(client, price="0.01", total="0.01", subtotal="0.01")

    assert Order.objects.get().total == Decimal("24.50")


def test_a_double_submit_makes_one_order(client, shop):
    add(client, shop["mug"], 1)
    page = client.get(url("checkout:checkout"))
    data = {**CUSTOMER, "submission_key": form_key(page)}

    first = client.post(url("checkout:checkout"), data)
    second = client.post(url("checkout:checkout"), data)

    order = Order.objects.get()
    assert first.url == second.url == url("checkout:order", token=order.token)
    assert Product.objects.get(pk=shop["mug"].pk).stock == 2


def test_a_second_visit_to_the_form_can_place_a_second_order(client, shop):
    add(client, shop["mug"], 1)

    checkout(client)
    checkout(client)

    assert Order.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"country": "XX"}, "country", "Select a valid choice. XX is not one of the available choices."),
        ({"postal_code": "1" * 21}, "postal_code", "Ensure this value has at most 20 characters (it has 21)."),
        ({"city": "Ma\x00drid"}, "city", "Null characters are not allowed."),
    ],
)
def test_invalid_details_are_shown_again_with_the_error(client, shop, changes, field, error):
    add(client, shop["mug"], 1)

    response = checkout(client, **changes)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert Order.objects.count() == 0


def test_a_cart_changed_since_the_form_was_shown_is_not_ordered(client, shop):
    add(client, shop["mug"], 1)
    page = client.get(url("checkout:checkout"))
    add(client, shop["kettle"], 1)

    response = client.post(url("checkout:checkout"), {**CUSTOMER, "submission_key": form_key(page)})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your cart changed since this page was shown. Please check your order and send it again." in html
    assert form_key(response) != form_key(page)
    assert form_key(response).endswith(response.context["cart"].fingerprint())
    assert Order.objects.count() == 0


def test_a_price_changed_since_the_form_was_shown_is_not_ordered(client, shop):
    add(client, shop["mug"], 1)
    page = client.get(url("checkout:checkout"))
    Product.objects.filter(pk=shop["mug"].pk).update(price="9.00")

    response = client.post(url("checkout:checkout"), {**CUSTOMER, "submission_key": form_key(page)})

    assert "Your cart changed since this page was shown." in response.content.decode()
    assert Order.objects.count() == 0


@pytest.mark.parametrize("key", ["", "abc", "x" * 64, "<script>"])
def test_a_forged_submission_key_is_refused(client, shop, key):
    add(client, shop["mug"], 1)

    response = client.post(url("checkout:checkout"), {**CUSTOMER, "submission_key": key})

    assert response.status_code == 200
    assert Order.objects.count() == 0


def test_out_of_stock_at_the_last_moment_says_so_and_orders_nothing(client, shop):
    add(client, shop["mug"], 3)
    page = client.get(url("checkout:checkout"))
    ProductVariant.objects.filter(product=shop["mug"]).update(stock=2)

    response = client.post(url("checkout:checkout"), {**CUSTOMER, "submission_key": form_key(page)})

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert response.status_code == 200
    assert messages == ["Only 2 units of “Mug” are left. Please change the quantity in your cart."]
    assert Order.objects.count() == 0


def test_the_order_page_shows_the_order_and_the_pay_box(client, shop):
    add(client, shop["kettle"], 2)
    checkout(client)
    order = Order.objects.get()

    response = client.get(url("checkout:order", token=order.token))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>Order {order.number}</h1>" in html
    assert "Pending payment" in html
    assert "Pay now</button>" in html
    assert "$49.00" in html and "Calle Mayor 1" in html and "Spain" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("status", "invoiced"),
    [
        ("paid", True),
        ("shipped", True),
        ("pending", False),
        ("cancelled", False),
        ("expired", False),
    ],
)
def test_the_order_page_links_the_invoice_of_a_paid_order(client, shop, status, invoiced):
    # Given an order in `status`
    order = make_order([(shop["kettle"], 1)], status=status)

    # When its shopper opens the link they were told to keep
    html = client.get(url("checkout:order", token=order.token)).content.decode()

    # Then a paid order's page links its invoice, the download the emails and the success page carry
    assert (f'href="/en/payment/{order.token}/invoice/"' in html) is invoiced
    assert ("Invoice (PDF)" in html) is invoiced


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "Pay before 6:28 p.m. to keep your items: they are reserved for you until then."),
        ("es", "Pague antes de las 18:28 para conservar sus artículos: hasta entonces están reservados para usted."),
        ("ru", "Оплатите заказ до 18:28, чтобы сохранить товары: до этого времени они зарезервированы за вами."),
    ],
)
def test_the_reservation_time_reads_without_a_double_full_stop(client, shop, language, note):
    # Given a pending order whose products are held until 18:28 (tomorrow)
    order = make_order([(shop["kettle"], 1)], language=language)
    until = (timezone.localtime() + timedelta(days=1)).replace(hour=18, minute=28, second=0, microsecond=0)
    Order.objects.filter(pk=order.pk).update(reserved_until=until)

    # When its shopper opens the order page in `language`
    html = client.get(url("checkout:order", language, token=order.token)).content.decode()

    # Then the note gives the time inside the sentence, which ends with one full stop
    note_html = re.search(r'<p class="pay-box__note">(.*?)</p>', html, re.S).group(1)
    assert note_html == note
    assert ".." not in note_html


def test_an_expired_order_offers_no_payment(client, shop):
    add(client, shop["kettle"], 1)
    checkout(client)
    Order.objects.update(status=Order.Status.EXPIRED)

    html = client.get(url("checkout:order", token=Order.objects.get().token)).content.decode()

    assert "Pay now" not in html
    assert "This order is closed and will not be delivered." in html


@pytest.mark.parametrize("token", ["nope", "a" * 32])
def test_an_unknown_token_is_not_found(client, db, token):
    response = client.get(url("checkout:order", token=token))

    assert response.status_code == 404


def test_customer_text_is_escaped_on_the_order_page(client, shop):
    add(client, shop["kettle"], 1)
    checkout(client, first_name="<script>alert(1)</script>", address='"><img src=x onerror=alert(2)>')

    html = client.get(url("checkout:order", token=Order.objects.get().token)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html


def test_the_cart_is_emptied_when_the_order_page_sees_the_order_paid(client, shop):
    add(client, shop["kettle"], 1)
    checkout(client)
    order = Order.objects.get()
    order_url = url("checkout:order", token=order.token)

    client.get(order_url)
    kept = client.session.get("cart")
    Order.objects.update(status=Order.Status.PAID)
    client.get(order_url)

    assert kept == {str(variant_of(shop["kettle"]).pk): {"quantity": 1, "price": "24.50"}}
    assert "cart" not in client.session
    assert "checkout_pending_order" not in client.session


def test_another_visitor_opening_a_paid_order_gets_no_session(client, shop):
    add(client, shop["kettle"], 1)
    checkout(client)
    order = Order.objects.get()
    Order.objects.update(status=Order.Status.PAID)

    stranger = Client()
    response = stranger.get(url("checkout:order", token=order.token))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert client.session.get("cart")
