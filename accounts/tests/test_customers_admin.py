"""Shop managers find customers in the admin's Shop menu (by email or name) with their orders; editors and
translators do not."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from checkout.tests.factories import make_paid_order
from checkout.tests.test_back_office import menu
from home.groups import ensure_groups

from .factories import make_customer

pytestmark = pytest.mark.django_db

CUSTOMERS = "/admin/shop/customers/"


def staff_in(group_name, django_user_model):
    ensure_groups()
    user = django_user_model.objects.create_user(username=group_name.lower().replace(" ", "-"), password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def customers(homes):
    ana = make_customer("ana@example.com", first_name="Ana", last_name="Pérez")
    ben = make_customer("ben@example.com", first_name="Ben", last_name="Okafor")
    return {"ana": ana, "ben": ben, "order": make_paid_order(customer=ana)}


def test_shop_managers_find_customers_in_the_shop_menu_and_search_them(client, django_user_model, customers):
    client.force_login(staff_in(settings.SHOP_MANAGERS_GROUP, django_user_model))

    assert ("Shop › Customers", CUSTOMERS) in menu(client)
    by_name = client.get(CUSTOMERS, {"q": "okafor"}).content.decode()
    by_email = client.get(CUSTOMERS, {"q": "ana@example"}).content.decode()
    assert "ben@example.com" in by_name and "ana@example.com" not in by_name
    assert "ana@example.com" in by_email and "ben@example.com" not in by_email


def test_a_customers_page_lists_their_orders(client, django_user_model, customers):
    client.force_login(staff_in(settings.SHOP_MANAGERS_GROUP, django_user_model))

    html = client.get(f"{CUSTOMERS}{customers['ana'].pk}/").content.decode()

    order = customers["order"]
    assert f'<a href="/admin/orders/{order.pk}/">{order.number}</a>' in html
    assert "$49.00" in html
    assert "Password" not in html and "md5$" not in html and "Superuser" not in html


def test_staff_users_are_not_listed_as_customers(client, django_user_model, customers):
    manager = staff_in(settings.SHOP_MANAGERS_GROUP, django_user_model)
    client.force_login(manager)

    html = client.get(CUSTOMERS).content.decode()

    assert "ana@example.com" in html
    assert client.get(f"{CUSTOMERS}{manager.pk}/", follow=True).status_code == 404


@pytest.mark.parametrize("group", [settings.EDITORS_GROUP, settings.TRANSLATORS_GROUP])
def test_editors_and_translators_neither_see_nor_open_customers(client, django_user_model, customers, group):
    client.force_login(staff_in(group, django_user_model))

    listing = client.get(CUSTOMERS)
    detail = client.get(f"{CUSTOMERS}{customers['ana'].pk}/")

    assert CUSTOMERS not in [url for _label, url in menu(client)]
    assert [listing.status_code, detail.status_code] == [302, 302]
    assert listing.url == detail.url == "/admin/"
