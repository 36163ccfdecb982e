"""The product spreadsheet: export the commercial fields, import them back with a preview of every change and
every row's error first, all or nothing, through the audited service; bad files get a message, never a 500."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from products.models import Product, ProductVariant
from products.services import COMMERCIAL_CHANGE_ACTION
from products.tests.factories import ProductFactory, staff_user

pytestmark = pytest.mark.django_db


def import_url():
    return reverse("products_spreadsheet")


@pytest.fixture
def manager(client):
    user = staff_user(settings.SHOP_MANAGERS_GROUP)
    client.force_login(user)
    return user


def csv_file(text, name="products.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def check(client, upload):
    return client.post(import_url(), {"spreadsheet": upload})


def commercial(product):
    product.refresh_from_db()
    return product.price, product.stock, product.for_sale


def test_the_csv_export_has_the_commercial_fields_of_every_product(client, manager, shop):
    response = client.get(reverse("products_spreadsheet_export", args=["csv"]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="products.csv"'
    assert response.content.decode().splitlines() == [
        "sku,name,price,stock,for_sale,sale_price,sale_starts_at,sale_ends_at",
        "KET-1,Kettle,24.50,10,1,,,",
        "MUG-1,Mug,8.00,3,1,,,",
    ]


def test_the_xlsx_export_reads_back_as_the_same_rows(client, manager, shop):
    response = client.get(reverse("products_spreadsheet_export", args=["xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["sku", "name", "price", "stock", "for_sale", "sale_price", "sale_starts_at", "sale_ends_at"]
    assert rows[1][:1] == ["KET-1"]


def test_an_import_is_previewed_and_nothing_is_written_before_confirmation(client, manager, shop):
    response = check(client, csv_file("sku,name,price,stock,for_sale\nKET-1,Kettle,22.00,10,1\nMUG-1,Mug,8.00,5,0\n"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Price: 24.50 → 22.00" in html
    assert "Stock: 3 → 5" in html
    assert "For sale: True → False" in html
    assert commercial(shop["kettle"]) == (Decimal("24.50"), 10, True)
    assert 'name="rows"' in html


def test_the_confirmed_import_writes_every_change_and_logs_it(client, manager, shop):
    preview = check(client, csv_file("sku,price,stock\nKET-1,22.00,10\nMUG-1,8.00,5\n"))
    rows = preview.context["confirm_form"].initial["rows"]

    response = client.post(import_url(), {"rows": rows})

    assert response.status_code == 302
    assert commercial(shop["kettle"]) == (Decimal("22.00"), 10, True)
    assert commercial(shop["mug"]) == (Decimal("8.00"), 5, True)
    entry = ModelLogEntry.objects.get(action=COMMERCIAL_CHANGE_ACTION, object_id=str(shop["kettle"].pk))
    assert (entry.user, entry.data["changes"]) == (manager, {"price": ["24.50", "22.00"]})


def test_every_row_error_is_listed_and_nothing_can_be_imported(client, manager, shop):
    text = "sku,price,stock\nKET-1,22.00,10\nNOPE-9,1.00,1\nMUG-1,abc,-2\nKET-1,1.00,1\n"

    response = check(client, csv_file(text))

    errors = response.context["preview"].errors
    assert errors == [
        (2, "No product has the SKU “NOPE-9”."),
        (3, "Enter a price such as 12.50."),
        (3, "Enter a whole number of units, 0 or more."),
        (4, "SKU KET-1 is in the file twice."),
    ]
    assert response.context["confirm_form"] is None
    assert commercial(shop["kettle"]) == (Decimal("24.50"), 10, True)


def test_a_tampered_confirmation_with_an_error_changes_nothing(client, manager, shop):
    response = client.post(import_url(), {"rows": "sku,price\r\nKET-1,22.00\r\nMUG-1,-1\r\n"}, follow=True)

    assert "The file has errors: nothing was changed." in response.content.decode()
    assert commercial(shop["kettle"]) == (Decimal("24.50"), 10, True)


def test_an_xlsx_file_is_imported(client, manager, shop):
    book = openpyxl.Workbook()
    book.active.append(["sku", "price", "stock", "for_sale"])
    book.active.append(["KET-1", 19.99, 7, 0])
    content = io.BytesIO()
    book.save(content)

    response = check(client, SimpleUploadedFile("products.xlsx", content.getvalue()))

    assert response.context["preview"].errors == []
    client.post(import_url(), {"rows": response.context["confirm_form"].initial["rows"]})
    assert commercial(shop["kettle"]) == (Decimal("19.99"), 7, False)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file("hello", name="notes.txt"), "Upload a .csv or .xlsx file."),
        (SimpleUploadedFile("products.xlsx", b"not a zip file"), "This file could not be read as a spreadsheet."),
        (SimpleUploadedFile("products.csv", b"\xff\xfe\x00bad"), "This file could not be read as a spreadsheet."),
        (csv_file("code,price\nKET-1,2.00\n"), "The first row must name the columns, with one called “sku”."),
        (
            csv_file("sku,name\nKET-1,Kettle\n"),
            "The file has none of the columns price, stock, for_sale, sale_price, sale_starts_at, sale_ends_at.",
        ),
    ],
)
def test_a_bad_file_gets_a_message_never_a_500(client, manager, shop, upload, message):
    response = check(client, upload)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_bad_file_gets_a_translated_message(client, manager, shop):
    client.cookies["django_language"] = "es"
    response = client.post(
        import_url(), {"spreadsheet": csv_file("hello", name="notes.txt")}, headers={"accept-language": "es"}
    )

    assert "Suba un archivo .csv o .xlsx." in response.content.decode()


def test_the_name_in_the_file_is_never_imported(client, manager, shop):
    preview = check(client, csv_file("sku,name,price\nKET-1,Renamed,24.50\n"))

    assert preview.context["confirm_form"] is None
    assert "The file changes nothing." in preview.content.decode()
    assert Product.objects.get(sku="KET-1").name == "Kettle"


def test_import_and_export_need_product_rights(client, shop):
    client.force_login(staff_user(settings.TRANSLATORS_GROUP))

    responses = [
        client.get(import_url()),
        client.post(import_url(), {"rows": "sku,price\r\nKET-1,1.00\r\n"}),
        client.get(reverse("products_spreadsheet_export", args=["csv"])),
    ]

    # Wagtail answers a permission denial in the admin with a redirect to the dashboard.
    assert [(r.status_code, r.url) for r in responses] == [(302, reverse("wagtailadmin_home"))] * 3
    assert commercial(shop["kettle"]) == (Decimal("24.50"), 10, True)


def test_a_sale_is_imported_in_the_shops_time_zone_and_checked_against_the_price(client, manager, shop, settings):
    settings.TIME_ZONE = "Europe/Madrid"
    text = "sku,sale_price,sale_starts_at,sale_ends_at\nKET-1,19.99,2026-12-01 09:00,2026-12-08 00:00\nMUG-1,9.00,,\n"

    refused = check(client, csv_file(text))
    assert refused.context["preview"].errors == [(2, "The sale price must be lower than the price.")]

    preview = check(client, csv_file(text.replace("MUG-1,9.00", "MUG-1,7.00")))
    client.post(import_url(), {"rows": preview.context["confirm_form"].initial["rows"]})

    kettle = Product.objects.get(sku="KET-1")
    assert kettle.sale_price == Decimal("19.99")
    assert kettle.sale_starts_at.isoformat() == "2026-12-01T08:00:00+00:00"
    assert kettle.sale_ends_at.isoformat() == "2026-12-07T23:00:00+00:00"
    assert Product.objects.get(sku="MUG-1").sale_price == Decimal("7.00")


def test_no_csv_cell_reads_as_a_formula_and_the_file_imports_back(client, manager, db):
    ProductFactory(sku="=1+1", name="@SUM(A1)", price=Decimal("5.00"), stock=1)

    exported = client.get(reverse("products_spreadsheet_export", args=["csv"])).content.decode()
    assert exported.splitlines()[1] == "'=1+1,'@SUM(A1),5.00,1,1,,,"

    preview = check(client, csv_file(exported.replace("5.00", "6.00")))
    assert preview.context["preview"].errors == []
    client.post(import_url(), {"rows": preview.context["confirm_form"].initial["rows"]})
    assert Product.objects.get(sku="=1+1").price == Decimal("6.00")


def test_a_product_with_several_variants_keeps_its_stock_per_variant(client, manager, shop):
    """Its row shows the total of its variants; the price may change, the stock (one number) may not."""
    ProductVariant.objects.create(product=shop["kettle"], sku="KET-1-XL", stock=5)
    exported = client.get(reverse("products_spreadsheet_export", args=["csv"])).content.decode()
    assert exported.splitlines()[1] == "KET-1,Kettle,24.50,15,1,,,"

    refused = check(client, csv_file("sku,price,stock\nMUG-1,8.00,4\nKET-1,24.50,20\n"))
    accepted = check(client, csv_file("sku,price,stock\nKET-1,22.00,15\n"))

    message = "KET-1 has several variants: set their stock in the product's form."
    assert refused.context["preview"].errors == [(2, message)]
    client.post(import_url(), {"rows": accepted.context["confirm_form"].initial["rows"]})
    assert commercial(shop["kettle"]) == (Decimal("22.00"), 15, True)
    assert sorted(ProductVariant.objects.filter(product=shop["kettle"]).values_list("stock", flat=True)) == [5, 10]
