"""Guest orders find their owner: attached once the email they carry is verified by an account, never before;
the payment success page offers an account without typing the email again."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from checkout.tests.factories import make_order, make_paid_order
from checkout.tests.test_checkout_pages import add, checkout, url

from .factories import PASSWORD, make_customer

pytestmark = pytest.mark.django_db


def test_a_guest_order_is_attached_only_once_its_email_is_verified(client, homes):
    # Given two guest orders with Olga's email (in another case) and one with someone else's
    olgas = [make_paid_order(email="olga@example.com"), make_order(email="OLGA@example.com")]
    other = make_paid_order(email="ivan@example.com")

    # When Olga signs up with that email
    client.post("/en/account/signup/", {"email": "olga@example.com", "password1": PASSWORD, "password2": PASSWORD})
    olga = get_user_model().objects.get(email="olga@example.com")

    # Then nothing is attached while the address is unverified
    assert olga.orders.count() == 0

    # When she verifies it
    link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.outbox[0].body)[1]
    client.post(link)

    # Then her orders are hers, and only hers
    assert sorted(olga.orders.values_list("pk", flat=True)) == sorted(order.pk for order in olgas)
    other.refresh_from_db()
    assert other.customer is None


def test_an_order_placed_later_as_a_guest_is_attached_at_the_next_sign_in(client, homes):
    ana = make_customer("ana@example.com")
    order = make_paid_order(email="ana@example.com")
    unverified = make_customer("ben@example.com", verified=False)
    bens = make_paid_order(email="ben@example.com")

    client.post("/en/account/login/", {"login": "ana@example.com", "password": PASSWORD})
    client.post("/en/account/login/", {"login": "ben@example.com", "password": PASSWORD})

    order.refresh_from_db()
    bens.refresh_from_db()
    assert order.customer == ana
    assert bens.customer is None
    assert not EmailAddress.objects.get(user=unverified).verified


def test_the_success_page_offers_an_account_for_the_orders_email(client, homes):
    order = make_paid_order(email="olga@example.com", language="ru")

    html = client.get(f"/ru/payment/{order.token}/").content.decode()

    assert 'action="/ru/akkaunt/signup/"' in html
    assert '<input type="hidden" name="email" value="olga@example.com">' in html
    assert "Создать аккаунт" in html


def test_creating_the_account_from_the_success_page_needs_only_a_password(client, homes):
    order = make_paid_order(email="olga@example.com", language="ru")
    page = client.get(f"/ru/payment/{order.token}/")
    assert page.status_code == 200

    response = client.post(
        "/ru/akkaunt/signup/", {"email": "olga@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response["Location"] == "/ru/akkaunt/confirm-email/"
    [message] = mail.outbox
    assert message.to == ["olga@example.com"]


def test_a_signed_in_customer_is_shown_the_order_in_their_account_instead(client, homes):
    make_customer("ana@example.com")
    client.post("/en/account/login/", {"login": "ana@example.com", "password": PASSWORD})
    order = make_paid_order(email="ana@example.com")

    html = client.get(f"/en/payment/{order.token}/").content.decode()

    assert "See this order in your account" in html
    assert "account/signup/" not in html


def test_a_signed_in_customers_checkout_makes_their_order_in_their_language(client, catalog):
    ana = make_customer("ana@example.com", language="ru")
    client.post("/es/cuenta/login/", {"login": "ana@example.com", "password": PASSWORD})
    add(client, catalog["kettle"]["es"].product, language="es")

    # The form starts with her email
    assert 'value="ana@example.com"' in client.get(url("checkout:checkout", "es")).content.decode()
    checkout(client, "es")

    [order] = ana.orders.all()
    # Her emails are written in her profile's language, not the page's
    assert order.language == "ru"
