"""The orders back office in the Wagtail admin: who sees it, list, filters, search, detail and actions."""

import json
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder

from checkout.models import Order
from products.models import Product

from .factories import make_order, user_in_group

pytestmark = pytest.mark.django_db

ORDERS = "/admin/orders/"


@pytest.fixture
def orders(shop):
    """Three orders: Ana's pending, Boris's paid (yesterday), Carmen's cancelled (ten days ago)."""
    now = timezone.now()
    ana = make_order([(shop["kettle"], 2), (shop["mug"], 1)], number="SF-000001")
    boris = make_order(
        [(shop["mug"], 1)],
        number="SF-000002",
        first_name="Boris",
        last_name="Ivanov",
        email="boris@example.ru",
        status=Order.Status.PAID,
    )
    carmen = make_order(
        [(shop["kettle"], 1)],
        number="SF-000003",
        first_name="Carmen",
        last_name="Ruiz",
        email="carmen@example.es",
        status=Order.Status.CANCELLED,
    )
    Order.objects.filter(pk=boris.pk).update(created_at=now - timedelta(days=1))
    Order.objects.filter(pk=carmen.pk).update(created_at=now - timedelta(days=10))
    return {"ana": ana, "boris": boris, "carmen": carmen}


def menu(client) -> list[tuple[str, str]]:
    """(path of labels, url) of every item of the admin's main menu, e.g. ("Shop › Orders", "/admin/orders/")."""
    html = client.get("/admin/").content.decode()
    props = json.loads(re.search(r'id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html).group(1))
    found = []

    def walk(node, trail):
        if isinstance(node, dict) and "_args" not in node:
            walk(list(node.values()), trail)
        elif isinstance(node, dict):
            args = node["_args"]
            item = args[0] if args and isinstance(args[0], dict) and "label" in args[0] else None
            if item:
                trail = [*trail, item["label"]]
                if "url" in item:
                    found.append((" › ".join(trail), item["url"]))
            for child in args[1:] if item else args:
                walk(child, trail)
        elif isinstance(node, list):
            for child in node:
                walk(child, trail)

    walk(props, [])
    return found


def listed_numbers(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [span.get_text(strip=True) for span in soup.select("table.listing td.title span[id^=order_]")]


def test_a_shop_manager_finds_orders_in_the_shop_menu(client, manager):
    assert ("Shop › Orders", ORDERS) in menu(client)


def test_the_shop_menu_holds_everything_a_shop_manager_runs(client, django_user_model):
    rights = ["checkout.view_order", "checkout.view_paymentevent", "products.view_product", "coupons.view_coupon"]
    client.force_login(user_in_group(django_user_model, settings.SHOP_MANAGERS_GROUP, *rights))

    shop = [(label, url) for label, url in menu(client) if label.startswith("Shop › ")]

    assert shop == [
        ("Shop › Orders", ORDERS),
        ("Shop › Customers", "/admin/shop/customers/"),
        ("Shop › Payment events", "/admin/payments/events/"),
        ("Shop › Products", "/admin/snippets/products/product/"),
        ("Shop › Product spreadsheet", "/admin/products/spreadsheet/"),
        ("Shop › Coupons", "/admin/snippets/coupons/coupon/"),
        ("Shop › Coupon report", "/admin/coupons/report/"),
        ("Shop › Bought together", "/admin/reports/bought-together/"),
        ("Shop › Shipping zones", "/admin/snippets/checkout/shippingzone/"),
        ("Shop › Shipping methods", "/admin/snippets/checkout/shippingmethod/"),
        ("Shop › Tax rates", "/admin/snippets/checkout/taxrate/"),
        ("Shop › Markets", "/admin/snippets/markets/market/"),
        ("Shop › Exchange rates", "/admin/snippets/markets/exchangerate/"),
        ("Shop › Prices in markets", "/admin/snippets/markets/variantprice/"),
    ]
    assert not any(label in ("Products", "Coupons", "Payment events", "Coupon report") for label, _url in menu(client))


def test_editors_find_only_products_in_the_shop_menu(client, django_user_model):
    editor = user_in_group(
        django_user_model, settings.EDITORS_GROUP, "products.view_product", "products.change_product"
    )
    client.force_login(editor)

    assert [label for label, _url in menu(client) if label.startswith("Shop")] == [
        "Shop › Products",
        "Shop › Product spreadsheet",
    ]


@pytest.mark.parametrize("group", [settings.EDITORS_GROUP, settings.TRANSLATORS_GROUP])
def test_editors_and_translators_neither_see_nor_open_orders(client, django_user_model, orders, group):
    user = user_in_group(django_user_model, group)
    client.force_login(user)

    items = menu(client)
    listing = client.get(ORDERS)
    detail = client.get(f"{ORDERS}{orders['ana'].pk}/")
    export = client.get(f"/admin/bulk/checkout/order/export_csv/?id={orders['ana'].pk}")
    action = client.post(f"{ORDERS}{orders['ana'].pk}/cancel/")

    assert items and ORDERS not in [url for _label, url in items]
    # Wagtail answers a refused admin view with a redirect to the dashboard and an error message.
    assert [r.status_code for r in (listing, detail, export, action)] == [302, 302, 302, 302]
    assert listing.url == detail.url == export.url == action.url == "/admin/"
    assert Order.objects.get(pk=orders["ana"].pk).status == Order.Status.PENDING


def test_the_list_shows_the_newest_orders_first(client, manager, orders):
    response = client.get(ORDERS)

    assert response.status_code == 200
    assert listed_numbers(response) == ["SF-000001", "SF-000002", "SF-000003"]


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("status=paid", ["SF-000002"]),
        ("status=paid&status=cancelled", ["SF-000002", "SF-000003"]),
        ("created_at_from={days_ago_2}", ["SF-000001", "SF-000002"]),
        ("created_at_to={days_ago_5}", ["SF-000003"]),
        ("q=SF-000003", ["SF-000003"]),
        ("q=boris%40example", ["SF-000002"]),
        ("q=carmen", ["SF-000003"]),
        ("q=ana+p%C3%A9rez", ["SF-000001"]),
        ("q=ruiz&status=paid", []),
    ],
)
def test_the_list_filters_by_status_and_date_and_searches_number_email_and_name(
    client, manager, orders, query, numbers
):
    today = timezone.localdate()
    query = query.format(days_ago_2=today - timedelta(days=2), days_ago_5=today - timedelta(days=5))

    response = client.get(f"{ORDERS}?{query}")

    assert listed_numbers(response) == numbers


def test_customer_text_is_escaped_in_the_list_and_the_detail(client, manager, shop):
    order = make_order([(shop["mug"], 1)], first_name="<script>alert(1)</script>", city="<b>Madrid</b>")

    listing = client.get(ORDERS).content.decode()
    detail = client.get(f"{ORDERS}{order.pk}/").content.decode()

    for html in (listing, detail):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Madrid</b>" not in detail


def test_the_detail_shows_lines_totals_customer_and_history(client, manager, orders):
    response = client.get(f"{ORDERS}{orders['ana'].pk}/")

    soup = BeautifulSoup(response.content, "html.parser")
    text = " ".join(soup.select_one("div.nice-padding").get_text(" ", strip=True).split())
    assert response.status_code == 200
    assert "KET-1 Kettle $24.50 2 $49.00 0% $49.00 $0.00 $49.00" in text
    assert "MUG-1 Mug $8.00 1 $8.00 0% $8.00 $0.00 $8.00" in text
    assert "Subtotal $57.00 Shipping free Total $57.00" in text
    assert "Name Ana Pérez" in text and "Calle Mayor 1 28001 Madrid Spain (ES)" in text
    assert [row["data-event"] for row in soup.select("tr[data-event]")] == ["pending"]
    assert [form["data-order-action"] for form in soup.select("form[data-order-action]")] == ["cancel"]


def test_a_paid_order_offers_only_shipping(client, manager, orders):
    soup = BeautifulSoup(client.get(f"{ORDERS}{orders['boris'].pk}/").content, "html.parser")

    assert [form["data-order-action"] for form in soup.select("form[data-order-action]")] == ["ship"]


def test_cancelling_goes_through_the_service_returns_stock_and_records_who(client, manager, orders, shop):
    assert Product.objects.get(pk=shop["kettle"].pk).stock == 8  # Ana's pending order holds 2 of the 10 kettles

    response = client.post(f"{ORDERS}{orders['ana'].pk}/cancel/", {"note": "Customer called"})

    order = Order.objects.get(pk=orders["ana"].pk)
    event = order.events.last()
    assert response.status_code == 302
    assert response.url == f"{ORDERS}{order.pk}/"
    assert order.status == Order.Status.CANCELLED
    assert Product.objects.get(pk=shop["kettle"].pk).stock == 10
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "pending",
        "cancelled",
        manager,
        "Customer called",
    )


def test_shipping_a_paid_order(client, manager, orders):
    client.post(f"{ORDERS}{orders['boris'].pk}/ship/")

    assert Order.objects.get(pk=orders["boris"].pk).status == Order.Status.SHIPPED


@pytest.mark.parametrize(("who", "action"), [("ana", "ship"), ("boris", "cancel"), ("carmen", "ship")])
def test_a_transition_the_status_does_not_allow_is_refused_with_a_message(client, manager, orders, who, action):
    before, history = orders[who].status, list(orders[who].events.all())

    response = client.post(f"{ORDERS}{orders[who].pk}/{action}/", follow=True)

    assert Order.objects.get(pk=orders[who].pk).status == before
    assert "cannot become" in response.content.decode()
    assert list(orders[who].events.all()) == history


def test_cancelling_a_cancelled_order_changes_nothing(client, manager, orders):
    history = list(orders["carmen"].events.values_list("from_status", "to_status"))

    client.post(f"{ORDERS}{orders['carmen'].pk}/cancel/")

    assert Order.objects.get(pk=orders["carmen"].pk).status == Order.Status.CANCELLED
    assert (
        list(orders["carmen"].events.values_list("from_status", "to_status"))
        == history
        == [
            ("", "pending"),
            ("pending", "cancelled"),
        ]
    )


def test_an_unknown_action_changes_nothing(client, manager, orders):
    response = client.post(f"{ORDERS}{orders['ana'].pk}/delete/", follow=True)

    assert response.status_code == 200
    assert Order.objects.get(pk=orders["ana"].pk).status == Order.Status.PENDING


def test_status_actions_need_the_change_permission_and_a_post(client, django_user_model, orders, manager):
    viewer = user_in_group(django_user_model, "Viewers", "checkout.view_order")
    get = client.get(f"{ORDERS}{orders['ana'].pk}/cancel/")
    client.force_login(viewer)

    detail = client.get(f"{ORDERS}{orders['ana'].pk}/")
    post = client.post(f"{ORDERS}{orders['ana'].pk}/cancel/")

    assert get.status_code == 405
    assert detail.status_code == 200
    assert 'data-order-action="cancel"' not in detail.content.decode()
    assert post.status_code == 302 and post.url == "/admin/"
    assert Order.objects.get(pk=orders["ana"].pk).status == Order.Status.PENDING


@pytest.mark.parametrize("view", ["add", "edit", "delete", "copy", "history"])
def test_orders_cannot_be_created_edited_or_deleted_in_the_admin(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"orders:{view}", args=[1] if view != "add" else [])


def test_admin_links_to_an_order_open_its_detail(manager, orders):
    assert AdminURLFinder(manager).get_edit_url(orders["ana"]) == f"{ORDERS}{orders['ana'].pk}/"


def test_the_admin_offers_only_the_view_change_and_refund_permissions():
    registered = set()
    for hook in hooks.get_hooks("register_permissions"):
        registered |= {f"{p.content_type.app_label}.{p.codename}" for p in hook()}

    assert {code for code in registered if code.startswith("checkout.") and code.endswith("_order")} == {
        "checkout.view_order",
        "checkout.change_order",
        "checkout.refund_order",
    }
