"""The "Bought together" admin report: pairs from paid orders, for users who may view orders."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from checkout.models import Order
from checkout.tests.factories import order_with
from products.tests import factories

pytestmark = pytest.mark.django_db

URL = "/admin/reports/bought-together/"


@pytest.fixture
def pairs():
    kettle = factories.ProductFactory(sku="KET-1", name="Kettle")
    mug = factories.ProductFactory(sku="MUG-1", name="Mug")
    tea = factories.ProductFactory(sku="TEA-1", name="Tea")
    order_with(kettle, mug)
    order_with(kettle, mug, tea)
    order_with(mug, tea, status=Order.Status.CANCELLED)
    return kettle, mug, tea


def admin_user(django_user_model, *codenames):
    user = django_user_model.objects.create_user(username="-".join(("user", *codenames)), password="pw")
    group = Group.objects.create(name=f"group-{user.username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


def test_the_url_is_registered():
    assert reverse("bought_together_report") == URL


def test_a_shop_manager_sees_the_pairs_most_bought_first(client, django_user_model, pairs):
    client.force_login(admin_user(django_user_model, "view_order"))

    response = client.get(URL)

    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").select_one("#listing-results table")
    rows = [[cell.get_text(strip=True) for cell in row.find_all("td")] for row in table.tbody.find_all("tr")]
    assert rows == [
        ["KET-1 — Kettle", "MUG-1 — Mug", "2"],
        ["KET-1 — Kettle", "TEA-1 — Tea", "1"],
        ["MUG-1 — Mug", "TEA-1 — Tea", "1"],
    ]


def test_the_report_exports_to_csv(admin_client, pairs):
    response = admin_client.get(URL, {"export": "csv"})

    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines == [
        "Product,Bought with,Paid orders with both",
        "KET-1 — Kettle,MUG-1 — Mug,2",
        "KET-1 — Kettle,TEA-1 — Tea,1",
        "MUG-1 — Mug,TEA-1 — Tea,1",
    ]


def test_an_editor_who_may_not_view_orders_is_refused_and_sees_no_menu_item(client, django_user_model, pairs):
    client.force_login(admin_user(django_user_model, "view_product"))

    response = client.get(URL)
    dashboard = client.get("/admin/")

    assert response.status_code == 302 and response.url == "/admin/"
    assert "bought-together" not in dashboard.content.decode()


def test_the_menu_item_is_shown_to_shop_managers(client, django_user_model):
    client.force_login(admin_user(django_user_model, "view_order"))

    assert URL in client.get("/admin/").content.decode()
