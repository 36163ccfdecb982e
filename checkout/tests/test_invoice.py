"""Invoices: the PDF's text in each language, the seller, gap-free numbers, only static files, one email."""

import re
import subprocess
from decimal import Decimal
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from wagtail.models import Site

from checkout.invoices.documents import (
    INVOICE_BASE_URL,
    INVOICE_STATIC_URL,
    ForbiddenResource,
    InvoiceNotAvailable,
    _url_fetcher,
    generate_invoice,
    static_file_for,
)
from checkout.models import Invoice, Order
from checkout.tasks import issue_invoice
from coupons.models import Coupon
from coupons.tests.factories import CouponFactory
from home.models import ShopSettings
from products.tests.factories import ProductFactory
from storefront.money import format_money

from .factories import make_order, make_paid_order
from .fake_stripe import FakeStripeServer
from .payment_factories import session_for
from .payment_fixtures import post_webhook

pytestmark = pytest.mark.django_db


def words(text: str) -> str:
    """Whitespace (spaces, no-break spaces, line breaks) folded to single spaces."""
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return words(result.stdout.decode())


def pdf_fonts(data: bytes) -> list[str]:
    result = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=False)
    if result.returncode:  # older poppler cannot read stdin
        return []
    return [line.split()[0].split("+")[-1] for line in result.stdout.decode().splitlines()[2:]]


def pdf_of(invoice: Invoice) -> bytes:
    with invoice.pdf.open("rb") as file:
        return file.read()


TITLES = {"en": ("Kettle", "Spain"), "es": ("Hervidor", "España"), "ru": ("Чайник", "Испания")}


@pytest.mark.parametrize("language", ["en", "es", "ru"])
def test_the_invoice_speaks_the_orders_language(language):
    # Given a paid order in `language`: 2 kettles at 1,234.50 with 10.00 off
    title, country = TITLES[language]
    kettle = ProductFactory(sku="KET-1", price="1234.50")
    spring = CouponFactory(code="SPRING", kind=Coupon.Kind.FIXED, value=Decimal("10.00"))
    order = make_paid_order(lines=[(kettle, 2, title)], language=language, coupon=spring)

    invoice = generate_invoice(order)
    text = pdf_text(pdf_of(invoice))

    # Then its labels, money and dates are the language's, and the product is as the shopper saw it
    with translation.override(language):
        expected = [
            gettext("Invoice %(number)s") % {"number": invoice.display_number},
            gettext("Billed to"),
            pgettext("money summary", "Total"),
            pgettext("money summary", "Discount (%(code)s)") % {"code": "SPRING"},
            date_format(timezone.localtime(invoice.issued_at), "DATE_FORMAT"),
        ]
    expected += [
        format_money("1234.50", "usd", language),
        format_money("2469.00", "usd", language),
        format_money("2459.00", "usd", language),
        title,
        country,
        "KET-1",
        order.number,
        "Ana Pérez",
    ]
    for snippet in expected:
        assert words(snippet) in text


def test_the_russian_invoice_has_cyrillic_text_in_a_font_that_has_it():
    order = make_paid_order(lines=[(ProductFactory(price="24.50"), 1, "Электрический чайник")], language="ru")

    data = pdf_of(generate_invoice(order))
    text = pdf_text(data)

    assert "Электрический чайник" in text
    assert "Испания" in text
    assert re.search(r"\d{1,2} [а-я]+ \d{4} г\.", text)  # the Russian date, e.g. "25 ноября 2026 г."
    assert "24,50 $" in text
    fonts = pdf_fonts(data)
    assert fonts and all(font.startswith("DejaVu") for font in fonts)


def test_the_seller_comes_from_the_site_settings():
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.shop_name = "Tienda de Ana"
    shop.seller_details = "Ana Comercio S.L.\nCalle Luna 5, Sevilla\nCIF B12345678"
    shop.save()

    text = pdf_text(pdf_of(generate_invoice(make_paid_order())))

    assert "Tienda de Ana" in text
    assert "Ana Comercio S.L. Calle Luna 5, Sevilla CIF B12345678" in text


def test_without_site_settings_the_seller_comes_from_settings(settings):
    settings.SELLER_DETAILS = "Fallback Trading Ltd\nVAT GB999"

    text = pdf_text(pdf_of(generate_invoice(make_paid_order())))

    assert "Fallback Trading Ltd VAT GB999" in text


@pytest.mark.parametrize(("language", "label"), [("en", "Tax ID"), ("es", "NIF/CIF"), ("ru", "ИНН")])
def test_a_tax_id_given_alone_is_printed_once_under_the_label_of_the_invoices_language(language, label):
    # Given a shop manager who filled only the seller's tax ID (the details fall back to SELLER_DETAILS)
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.seller_tax_id = "ESB12345678"
    shop.save()

    # When an invoice is issued in `language`
    text = pdf_text(pdf_of(generate_invoice(make_paid_order(language=language))))

    # Then the fallback address is there, the tax ID once, with the label in that language, and no English "VAT"
    assert "My Shop Ltd. 1 Market Street 08001 Barcelona, Spain" in text
    assert f"{label}: ESB12345678" in text
    assert text.count("ESB12345678") == 1
    assert "VAT" not in text


def test_the_fallback_tax_id_is_a_setting_of_its_own(settings):
    # Given no tax ID in the shop settings, and one in SELLER_TAX_ID
    settings.SELLER_TAX_ID = "GB999"

    # When a Russian invoice is issued
    text = pdf_text(pdf_of(generate_invoice(make_paid_order(language="ru"))))

    # Then it carries that tax ID under the Russian label, once
    assert "ИНН: GB999" in text
    assert text.count("GB999") == 1


def test_numbers_are_sequential_and_assigned_once():
    orders = [make_paid_order() for _ in range(3)]

    numbers = [generate_invoice(order).number for order in orders]
    again = generate_invoice(orders[0])

    assert numbers == [1, 2, 3]
    assert again.number == 1
    assert Invoice.objects.count() == 3


def test_regenerating_keeps_the_number_and_replaces_the_file():
    order = make_paid_order()
    first = generate_invoice(order)
    old_name = first.pdf.name

    again = generate_invoice(order, regenerate=True)

    assert (again.pk, again.number, again.display_number) == (first.pk, first.number, first.display_number)
    assert again.pdf.name != old_name
    assert not again.pdf.storage.exists(old_name)
    assert first.display_number in pdf_text(pdf_of(again))


def test_a_failed_number_leaves_no_gap():
    # Given the first invoice
    generate_invoice(make_paid_order())
    # When issuing one for an unpaid order fails
    with pytest.raises(InvoiceNotAvailable):
        generate_invoice(make_order())
    # Then the next paid order gets the next number
    assert generate_invoice(make_paid_order()).number == 2


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/style.css",
        "https://invoice.storefront.invalid/media/invoices/secret.pdf",
        INVOICE_STATIC_URL + "../../etc/passwd",
        INVOICE_STATIC_URL + "%2e%2e/%2e%2e/etc/passwd",
        INVOICE_STATIC_URL + "checkout/missing.css",
        INVOICE_STATIC_URL + "checkout/invoice.css?x=1",
        "data:text/css,body{color:red}",
    ],
)
def test_the_fetcher_refuses_everything_but_the_projects_static_files(url):
    with pytest.raises(ForbiddenResource):
        static_file_for(url)


def test_the_fetcher_serves_the_invoice_stylesheet():
    response = _url_fetcher()(INVOICE_STATIC_URL + "checkout/invoice.css")

    assert response.content_type == "text/css"
    assert b"DejaVu Sans" in response.read()


def test_weasyprint_reaches_neither_the_network_nor_the_disk():
    from weasyprint import HTML

    with FakeStripeServer() as server:
        html = (
            f'<link rel="stylesheet" href="{server.url}/evil.css">'
            f'<img src="{server.url}/tracker.png"><img src="file:///etc/hostname"><p>Invoice</p>'
        )
        HTML(string=html, base_url=INVOICE_BASE_URL, url_fetcher=_url_fetcher()).write_pdf()

    assert server.requests == []


def test_the_invoice_stylesheet_is_applied():
    text = pdf_text(pdf_of(generate_invoice(make_paid_order())))

    assert re.search(r"1 ?/ ?1$", text)  # the page counter comes from invoice.css


def test_an_unpaid_order_has_no_invoice(client):
    order = make_order()

    with pytest.raises(InvoiceNotAvailable):
        generate_invoice(order)
    assert client.get(f"/en/payment/{order.token}/invoice/").status_code == 404
    assert Invoice.objects.count() == 0


def test_the_shopper_downloads_the_invoice_from_the_order_link(client):
    order = make_paid_order()

    response = client.get(f"/en/payment/{order.token}/invoice/")

    invoice = order.invoice
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="invoice-{invoice.display_number}.pdf"'
    assert invoice.display_number in pdf_text(response.content)


def test_the_invoice_is_emailed_once_even_if_the_task_runs_twice():
    order = make_paid_order(language="es")

    issue_invoice(order.pk)
    issue_invoice(order.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    invoice = Invoice.objects.get(order=order)
    with translation.override("es"):
        subject = gettext("Invoice %(invoice)s for your order %(order)s")
    assert message.subject == subject % {"invoice": invoice.display_number, "order": order.number}
    assert message.to == ["ana@example.com"]
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"invoice-{invoice.display_number}.pdf", "application/pdf")
    assert content == pdf_of(invoice)
    assert invoice.emailed_at is not None


def test_a_mail_server_error_is_retried_and_the_invoice_sent_once(monkeypatch, celery_eager):
    order = make_paid_order()
    real_send = EmailBackend.send_messages
    calls = []

    def flaky_send(self, messages):
        calls.append(len(messages))
        if len(calls) == 1:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky_send)

    issue_invoice.apply(args=[order.pk])

    assert calls == [1, 1]
    assert len(mail.outbox) == 1
    assert Invoice.objects.get(order=order).emailed_at is not None


def test_a_payment_issues_and_emails_the_invoice(
    client, webhook_secret, celery_eager, django_capture_on_commit_callbacks
):
    order = make_order(session_id="cs_test_1", language="ru")
    session = session_for(order, payment_intent="pi_1")

    with django_capture_on_commit_callbacks(execute=True):
        post_webhook(client, {"id": "evt_1", "type": "checkout.session.completed", "data": {"object": session}})

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    invoice = Invoice.objects.get(order=order)
    assert invoice.number == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == f"invoice-{invoice.display_number}.pdf"
