"""The e-invoice XML alone, beside each PDF: for the shopper by the order's token, for shop managers in the admin,
under the same rules as the PDF; the admin's order page tells the e-invoice's status."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from facturx import get_facturx_xml_from_pdf

from checkout.invoices.credit_notes import generate_credit_note
from checkout.invoices.documents import generate_invoice
from checkout.models import Invoice, Order

from .einvoice_support import texts
from .factories import make_order
from .test_credit_notes import paid_order, refund_kettle, staff_in

pytestmark = pytest.mark.django_db


def embedded(document) -> bytes:
    with document.pdf.open("rb") as file:
        return get_facturx_xml_from_pdf(file.read(), check_xsd=False)[1]


def test_the_shopper_downloads_the_invoice_xml_from_the_order_page(client):
    order = paid_order("es")
    invoice = generate_invoice(order)
    with translation.override("es"):
        order_page = reverse("checkout:order", kwargs={"token": order.token})
        url = reverse("payment:invoice_xml", kwargs={"token": order.token})

    page = client.get(order_page)
    response = client.get(url)

    assert f'href="{url}"' in page.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == f'attachment; filename="invoice-{invoice.display_number}.xml"'
    assert "no-store" in response["Cache-Control"]
    assert response.content == embedded(invoice)  # the very XML inside the PDF
    assert texts(response.content, "//rsm:ExchangedDocument/ram:TypeCode") == ["380"]


def test_an_unpaid_order_or_a_wrong_token_has_no_xml(client):
    order = make_order()

    assert client.get(f"/es/payment/{order.token}/invoice/xml/").status_code == 404
    assert client.get("/es/payment/not-a-token/invoice/xml/").status_code == 404


def test_the_shopper_downloads_a_credit_notes_xml_and_no_other_number(client):
    order = paid_order("es")
    credit_note = generate_credit_note(refund_kettle(order))
    url = f"/es/payment/{order.token}/credit-notes/{credit_note.display_number}/xml/"

    response = client.get(url)

    assert response.status_code == 200
    assert texts(response.content, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    assert response.content == embedded(credit_note)
    assert client.get(f"/es/payment/{order.token}/credit-notes/CN-2026-000099/xml/").status_code == 404
    other = paid_order("es")
    assert client.get(f"/es/payment/{other.token}/credit-notes/{credit_note.display_number}/xml/").status_code == 404


def test_a_document_issued_before_e_invoices_gets_its_pdf_made_again_with_its_number(client):
    from weasyprint import HTML

    order = paid_order("es")
    invoice = generate_invoice(order)
    old = invoice.pdf.name
    invoice.pdf.save("invoice-old.pdf", ContentFile(HTML(string="<p>An old invoice</p>").write_pdf()))

    response = client.get(f"/es/payment/{order.token}/invoice/xml/")

    assert response.status_code == 200
    invoice.refresh_from_db()
    assert invoice.pdf.name not in (old, "invoice-old.pdf")
    assert texts(response.content, "//rsm:ExchangedDocument/ram:ID") == [invoice.display_number]


def test_a_shop_manager_downloads_both_and_sees_the_status(client, django_user_model):
    order = paid_order("es")
    manager = staff_in(django_user_model, client, settings.SHOP_MANAGERS_GROUP)
    # An invoice numbered for its credit note but not rendered yet is being prepared
    credit_note = generate_credit_note(refund_kettle(order))
    assert 'data-einvoice="pending"' in manager.get(f"/admin/orders/{order.pk}/").content.decode()
    generate_invoice(order)
    invoice_url = reverse("checkout_invoice_xml_admin", args=[order.pk])
    credit_note_url = reverse("checkout_credit_note_xml_admin", args=[order.pk, credit_note.display_number])

    page = manager.get(f"/admin/orders/{order.pk}/").content.decode()

    assert 'data-einvoice="issued"' in page
    assert "Issued: PDF/A-3 with Factur-X / ZUGFeRD XML (EN 16931)" in page
    assert invoice_url in page and credit_note_url in page
    assert reverse("checkout_invoice_pdf_admin", args=[order.pk]) in page
    assert texts(manager.get(invoice_url).content, "//rsm:ExchangedDocument/ram:TypeCode") == ["380"]
    assert texts(manager.get(credit_note_url).content, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]


def test_an_editor_cannot_download_the_xml(client, django_user_model):
    order = paid_order("es")
    generate_invoice(order)
    editor = staff_in(django_user_model, client, settings.EDITORS_GROUP)

    response = editor.get(reverse("checkout_invoice_xml_admin", args=[order.pk]))

    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/xml"


def test_while_seller_data_is_missing_the_download_waits_and_the_admin_says_why(client, django_user_model, settings):
    settings.SELLER_TAX_ID = ""
    order = paid_order("es")

    response = client.get(f"/es/payment/{order.token}/invoice/xml/")

    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert not Invoice.objects.get(order=order).pdf
    manager = staff_in(django_user_model, client, settings.SHOP_MANAGERS_GROUP)
    page = manager.get(f"/admin/orders/{order.pk}/").content.decode()
    assert 'data-einvoice="blocked"' in page
    assert "seller tax ID" in page
    assert Order.objects.get(pk=order.pk).alerts.count() == 1
