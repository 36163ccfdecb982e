"""A customer downloads their data and deletes their account; orders stay, anonymized."""

import json

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Address, Profile
from checkout.models import Order
from checkout.tests.factories import make_paid_order
from checkout.tests.test_checkout_pages import url

from .factories import PASSWORD, make_address, make_customer
from .test_account_pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(homes):
    ana = make_customer("ana@example.com", first_name="Ana", language="es")
    make_address(ana, is_default=True)
    return ana


def test_download_my_data_is_a_json_file_of_profile_addresses_and_orders(ana):
    order = make_paid_order(customer=ana)
    make_paid_order(customer=make_customer("ben@example.com"))

    response = signed_in(ana).get(url("accounts:download_data"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "ana@example.com"
    assert data["profile"]["preferred_language"] == "es"
    assert [a["address"] for a in data["addresses"]] == ["Calle Mayor 1"]
    assert [o["number"] for o in data["orders"]] == [order.number]
    assert data["orders"][0]["total"] == "49.00"
    assert data["orders"][0]["lines"][0]["quantity"] == 2


def test_deleting_the_account_needs_the_password(ana):
    response = signed_in(ana).post(url("accounts:delete"), {"password": "wrong"})

    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=ana.pk).exists()


def test_deleting_the_account_keeps_the_orders_anonymized(ana):
    order = make_paid_order(customer=ana)
    client = signed_in(ana)

    response = client.post(url("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(pk=ana.pk).exists()
    assert not Profile.objects.exists() and not Address.objects.exists()
    order = Order.objects.get(pk=order.pk)
    assert order.customer is None
    assert (order.first_name, order.last_name, order.address, order.postal_code, order.city) == ("", "", "", "", "")
    assert order.email == f"deleted-{order.number.lower()}@anonymized.invalid"
    assert order.total == 49 and order.status == Order.Status.PAID


def test_a_staff_account_is_not_deleted_from_the_shop(homes, django_user_model):
    editor = make_customer("editor@example.com", is_staff=True)

    response = signed_in(editor).post(url("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 200
    assert "A staff account is deleted in the admin." in response.content.decode()
    assert django_user_model.objects.filter(pk=editor.pk).exists()
