"""The Wagtail dashboard for shop managers: orders to ship and low stock; nothing of the shop for other staff."""

from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.users.models import UserProfile

from checkout.backoffice.dashboard import LowStockPanel, OrdersToShipPanel
from checkout.models import Order
from home.groups import ensure_groups
from products.models import Product
from products.tests.factories import ProductFactory, add_variant, locale, option_type

from .factories import make_order, make_paid_order, user_in_group

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


@pytest.fixture
def staff_groups(db):
    """The real staff groups (editors, shop managers, translators), as the demo data creates them."""
    for code in ("es", "ru"):
        locale(code)  # translators are granted the non-default locales
    ensure_groups()


@pytest.fixture
def shop_manager(staff_groups, manager):
    """The `manager` fixture's user, with every permission the real "Shop managers" group has."""
    return manager


def dashboard(client) -> BeautifulSoup:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def paid_order(number, paid_days_ago, total="24.50", **fields):
    product = ProductFactory(price=Decimal(total), stock=50)
    order = make_paid_order(lines=[(product, 1)], number=number, **fields)
    Order.objects.filter(pk=order.pk).update(paid_at=timezone.now() - timedelta(days=paid_days_ago))
    return order


def test_a_shop_manager_sees_the_oldest_paid_orders_and_the_counts_with_links(client, shop_manager):
    # Given seven paid orders (paid 1 to 7 days ago), one shipped and two awaiting payment
    paid = {days: paid_order(f"SF-P{days}", days) for days in range(1, 8)}
    Order.objects.filter(pk=paid[7].pk).update(first_name="Boris", last_name="Ivanov", total=Decimal("1234.50"))
    shipped = paid_order("SF-F1", 30)
    shipped.move_to(Order.Status.SHIPPED)
    make_order(number="SF-W1")
    make_order(number="SF-W2")

    # When the manager opens the dashboard
    panel = dashboard(client).find(id="orders-to-ship-section")

    # Then it counts them and links to the order list filtered by status
    paid_link = panel.find("a", attrs={"data-dashboard-link": "paid"})
    pending_link = panel.find("a", attrs={"data-dashboard-link": "pending"})
    assert paid_link.get_text(strip=True) == "7 paid orders to ship"
    assert paid_link["href"] == "/admin/orders/?status=paid"
    assert pending_link.get_text(strip=True) == "2 orders awaiting payment"
    assert pending_link["href"] == "/admin/orders/?status=pending"
    # And it lists the five paid the longest ago, oldest first, each linking to its detail view
    rows = panel.find_all("tr", attrs={"data-dashboard-order": True})
    assert [row["data-dashboard-order"] for row in rows] == ["SF-P7", "SF-P6", "SF-P5", "SF-P4", "SF-P3"]
    cells = [td.get_text(" ", strip=True) for td in rows[0].find_all("td")]
    assert cells[0:2] == ["SF-P7", "Boris Ivanov"]
    assert cells[2] == "1\xa0week ago"
    assert rows[0].find("time")["datetime"] == timezone.localtime(Order.objects.get(pk=paid[7].pk).paid_at).isoformat()
    assert cells[3] == "$1,234.50"
    assert rows[0].find("a")["href"] == f"/admin/orders/{paid[7].pk}/"


def test_the_order_list_link_shows_only_paid_orders(client, shop_manager):
    # Given one paid and one pending order
    paid_order("SF-P1", 1)
    make_order(number="SF-W1")

    # When the manager follows the dashboard's "to ship" link
    href = dashboard(client).find("a", attrs={"data-dashboard-link": "paid"})["href"]
    listing = client.get(href).content.decode()

    # Then the list holds the paid order only
    assert "SF-P1" in listing and "SF-W1" not in listing


def test_a_shop_manager_sees_the_products_running_low_fewest_first(client, shop_manager, settings):
    # Given a threshold of 3, six for-sale products at or below it, one above, and one not for sale at 0
    settings.LOW_STOCK_THRESHOLD = 3
    for sku, stock in [("LOW-3", 3), ("LOW-2", 2), ("OUT-B", 0), ("OUT-A", 0), ("LOW-1", 1), ("LOW-3B", 3)]:
        ProductFactory(sku=sku, name=f"Item {sku}", stock=stock)
    ProductFactory(sku="FULL-1", stock=4)
    ProductFactory(sku="GONE-1", stock=0, for_sale=False)

    # When the manager opens the dashboard
    panel = dashboard(client).find(id="low-stock-section")

    # Then it counts the six and shows the five with the fewest units, out of stock first
    assert panel.find(attrs={"data-dashboard-low-stock-count": True})["data-dashboard-low-stock-count"] == "6"
    assert "6 products for sale have 3 or fewer units in stock." in panel.get_text(" ", strip=True)
    rows = panel.find_all("tr", attrs={"data-dashboard-product": True})
    assert [row["data-dashboard-product"] for row in rows] == ["OUT-A", "OUT-B", "LOW-1", "LOW-2", "LOW-3"]
    assert rows[0].find_all("td")[2].get_text(strip=True) == "Out of stock"
    assert rows[2].find_all("td")[2].get_text(strip=True) == "1"
    # And each links to the product's edit view
    out_a = Product.objects.get(sku="OUT-A")
    assert rows[0].find("a")["href"] == f"/admin/snippets/products/product/edit/{out_a.pk}/"


@pytest.mark.parametrize("group", [settings.EDITORS_GROUP, settings.TRANSLATORS_GROUP])
def test_editors_and_translators_see_neither_panel(client, group, staff_groups, django_user_model):
    # Given a member of one of the real staff groups, a paid order and a product out of stock
    paid_order("SF-P1", 1)
    ProductFactory(sku="OUT-1", stock=0)
    user = django_user_model.objects.create_user(username="staff", password="x")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)

    # When they open the dashboard
    page = dashboard(client)

    # Then neither shop panel is there
    assert page.find(id="orders-to-ship-section") is None
    assert page.find(id="low-stock-section") is None


def test_a_user_who_may_only_view_orders_sees_orders_but_not_stock(client, django_user_model):
    # Given a user with checkout.view_order and no product permission
    client.force_login(user_in_group(django_user_model, "Order viewers", "checkout.view_order"))

    # When they open the dashboard
    page = dashboard(client)

    # Then they see the orders panel only
    assert page.find(id="orders-to-ship-section") is not None
    assert page.find(id="low-stock-section") is None


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        dashboard(client)
    return len(queries)


def test_the_dashboard_runs_as_many_queries_for_ten_orders_and_products_as_for_two(client, shop_manager):
    # Given two paid orders, two pending ones and two products low on stock
    def add(start, count):
        for n in range(start, start + count):
            paid_order(f"SF-P{n}", n)
            make_order(number=f"SF-W{n}")
            ProductFactory(sku=f"LOW-{n}", stock=n % 3)

    add(0, 2)
    dashboard(client)  # a first visit creates per-user rows (Wagtail's user profile)
    with_two = dashboard_queries(client)

    # When there are ten of each
    add(2, 8)
    with_ten = dashboard_queries(client)

    # Then the dashboard runs the same number of queries
    assert with_ten == with_two


def test_each_panel_runs_a_fixed_number_of_queries(django_assert_num_queries):
    # Given ten paid orders and ten variants with options low on stock
    _size, sizes = option_type("Size", ["S", "M"])
    for n in range(10):
        paid_order(f"SF-P{n}", n)
        add_variant(ProductFactory(sku=f"LOW-{n}", default_variant=None), f"LOW-{n}-S", stock=0, options=[sizes["S"]])

    # When each panel renders, then it runs a fixed number of queries whatever the rows: the counts and the few
    # rows it lists, and for the low-stock panel the variants' option values and their translations
    with django_assert_num_queries(2):
        OrdersToShipPanel().render_html({})
    with CaptureQueriesContext(connection) as captured:
        html = LowStockPanel().render_html({})
    assert len(captured) <= 4, [query["sql"] for query in captured]
    assert html.count(" — S</a>") == 5  # the five it lists, each named with its option


def test_the_dashboard_speaks_the_managers_admin_language(client, shop_manager):
    # Given a manager whose admin language is Spanish, and a paid order
    profile = UserProfile.get_for_user(shop_manager)
    profile.preferred_language = "es"
    profile.save()
    paid_order("SF-P1", 1, total="1234.50")
    ProductFactory(sku="OUT-1", stock=0)

    # When they open the dashboard
    page = dashboard(client)

    # Then the panels' headings, counts and amounts are in Spanish
    assert page.find(id="orders-to-ship-heading").get_text(strip=True) == "Pedidos por enviar"
    assert page.find(id="low-stock-heading").get_text(strip=True) == "Pocas existencias"
    assert page.find("a", attrs={"data-dashboard-link": "paid"}).get_text(strip=True) == "1 pedido pagado por enviar"
    row = page.find("tr", attrs={"data-dashboard-order": "SF-P1"})
    assert row.find_all("td")[3].get_text(strip=True) == "1.234,50\xa0US$"
