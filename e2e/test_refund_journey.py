"""A shop manager refunds one line of a Spanish customer's paid order; the customer gets the credit note in Spanish
and sees the refund on the order page."""

import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from checkout.models import CreditNote, Order, Refund
from checkout.tests.factories import make_paid_order
from products.models import Product
from products.tests.factories import ProductFactory

from .conftest import sign_in_as_shop_manager

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_shop_manager_refunds_a_line_and_the_customer_gets_the_credit_note_in_spanish(browser_page, live_server, homes):
    # Given a Spanish customer's paid order of 2 kettles and 3 mugs (paid on the test-card page, so the refund
    # needs no Stripe), and a member of the Shop managers group
    kettle = ProductFactory(sku="KET-1", name="Kettle", price="24.50", stock=8)
    mug = ProductFactory(sku="MUG-1", name="Mug", price="8.00", stock=7)
    order = make_paid_order(
        [(kettle, 2, "Hervidor"), (mug, 3, "Taza")],
        language="es",
        email="lucia@example.com",
        payment_intent_id="pi_offline_journey",
        reserve_stock=False,
    )
    page = browser_page

    # When she signs in and opens the order
    sign_in_as_shop_manager(page)
    page.goto(f"/admin/orders/{order.pk}/")
    expect(page.get_by_role("heading", name="Refund (up to $73.00)")).to_be_visible()

    # And refunds one kettle, back to stock
    page.get_by_label("Units of KET-1 to refund").fill("1")
    page.get_by_label("Return KET-1 to stock").check()
    page.get_by_label("Reason (optional)").fill("Arrived dented")
    # (without a broker the credit note task runs in this request, after the commit: WeasyPrint is slow at first)
    page.get_by_role("button", name="Refund the chosen units").click(timeout=60_000)

    # Then she is told, and the refund is listed with its line, its stock return and its credit note
    expect(page.get_by_text("$24.50 refunded to the customer.")).to_be_visible()
    credit_note = CreditNote.objects.get(refund__order=order)
    row = page.locator("tr[data-refund-status=succeeded]")
    expect(row).to_contain_text("1 × KET-1 (back to stock)")
    expect(row).to_contain_text("Arrived dented")
    expect(row.get_by_role("link", name=credit_note.display_number)).to_have_attribute(
        "href", reverse("checkout_credit_note_pdf_admin", args=[order.pk, credit_note.display_number])
    )
    expect(page.locator("[data-order-status]").first).to_have_attribute("data-order-status", "partially_refunded")
    assert Order.objects.get(pk=order.pk).refunded_amount == Decimal("24.50")
    assert Product.objects.get(pk=kettle.pk).stock == 9
    assert Refund.objects.get(order=order).lines.get().quantity == 1

    # And the customer got one email, in Spanish, with the credit note whose text shows the refunded line
    (message,) = [message for message in mail.outbox if message.to == ["lucia@example.com"]]
    assert message.subject == f"Nota de crédito {credit_note.display_number} de su pedido {order.number}"
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"credit-note-{credit_note.display_number}.pdf", "application/pdf")
    text = pdf_text(content)
    assert f"Nota de crédito {credit_note.display_number}" in text
    # The line with its tax columns (net, rate, tax, gross); the SKU under the title.
    assert "Hervidor 1 24,50 US$ 24,50 US$ 0% 0,00 US$ 24,50 US$ KET-1" in text
    assert "Total reembolsado 24,50 US$" in text
    assert "Taza" not in text

    # When the customer opens the order page in Spanish
    with translation.override("es"):
        order_page = reverse("checkout:order", kwargs={"token": order.token})
    page.goto(order_page)

    # Then it shows the refund and links the credit note, which downloads as a PDF
    expect(page.get_by_role("heading", name="Reembolsos")).to_be_visible()
    refund = page.locator("[data-refund-kind=manual]")
    expect(refund).to_contain_text("24,50 US$ reembolsados el")
    link = refund.get_by_role("link", name=f"Nota de crédito {credit_note.display_number} (PDF)")
    download = page.request.get(link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert "Hervidor" in pdf_text(download.body())
