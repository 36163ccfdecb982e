"""One money summary everywhere: every page, email and document that shows an order's money (or its cart's)
prints the same rows, in the same order, with the same labels and amounts (`storefront.money_summary`)."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation

from accounts.tests.factories import make_customer
from accounts.tests.test_account_pages import signed_in
from checkout.invoices.credit_notes import credit_note_context, generate_credit_note
from checkout.invoices.documents import generate_invoice, invoice_context
from checkout.models import Order, ShippingMethod
from checkout.orders.emails import STATUS_EMAILS, confirmation_email, order_email
from checkout.refunds.services import refund_order
from coupons.tests.factories import CouponFactory
from demo.shipping import ensure_shipping_and_taxes
from products.models import Product, ProductVariant
from storefront.tests.money_rows import money_rows

from .factories import CUSTOMER, take_payment, user_in_group
from .test_checkout_pages import add, form_key, url
from .test_credit_notes import pdf_of as credit_note_pdf
from .test_invoice import pdf_of as invoice_pdf
from .test_invoice import pdf_text, words

pytestmark = pytest.mark.django_db

# The order of the issue: 138.00 of products, 15 % off (−20.70), Express to Spain (9.95, its name frozen in the
# order's language), 21 % tax included, 127.25 in all; then one mug (8.00 less its 15 %) refunded. Amounts as
# read back: whitespace (the no-break spaces of the formats) folded to spaces.
SPANISH = [
    ("subtotal", "Subtotal", "138,00 US$"),
    ("discount", "Descuento (VERANO-15)", "−20,70 US$"),
    ("shipping", "Envío: Urgente", "9,95 US$"),
    ("tax", "Impuestos incluidos (21 %)", "22,09 US$"),
    ("total", "Total", "127,25 US$"),
    ("refunded", "Reembolsado", "−6,80 US$"),
]
ENGLISH = [
    ("subtotal", "Subtotal", "$138.00"),
    ("discount", "Discount (VERANO-15)", "−$20.70"),
    ("shipping", "Shipping: Urgente", "$9.95"),
    ("tax", "Including tax 21%", "$22.09"),
    ("total", "Total", "$127.25"),
    ("refunded", "Refunded", "−$6.80"),
]
NOT_REFUNDED = slice(0, -1)


def as_text(rows) -> str:
    """The rows as the plain-text emails print them (`templates/includes/money_summary.txt`), one line each."""
    return "\n".join(f"{label}: {shown}" for _kind, label, shown in rows)


def text_lines(body: str) -> str:
    return "\n".join(words(line) for line in body.splitlines())


def as_pdf_words(rows) -> str:
    return words(" ".join(f"{label} {shown}" for _kind, label, shown in rows))


@pytest.fixture
def spanish_shopper_order(shop, homes):
    """The Spanish customer's signed-in client, her cart and checkout pages as she saw them, and the order she
    placed from them, paid, with one mug refunded and its credit note issued."""
    ensure_shipping_and_taxes()
    Product.objects.filter(sku__in=["KET-1", "MUG-1"]).update(weight=300)
    ProductVariant.objects.filter(sku="MUG-1").update(stock=10)
    CouponFactory(code="VERANO-15", value=Decimal("15"))
    express = ShippingMethod.objects.get(name="Express", locale__language_code="en")
    client = signed_in(make_customer("ana@example.com", first_name="Ana", language="es"), "es")
    add(client, shop["kettle"], 4, "es")
    add(client, shop["mug"], 5, "es")
    client.post(url("coupons:apply", "es"), {"code": "verano-15"})
    pages = {"cart": client.get(url("cart:detail", "es")).content.decode()}
    data = {**CUSTOMER, "submission_key": form_key(client.get(url("checkout:checkout", "es")))}
    data["shipping_method"] = str(express.pk)
    pages["checkout"] = client.post(url("checkout:checkout", "es"), {**data, "update_shipping": "1"}).content.decode()
    client.post(url("checkout:checkout", "es"), data)
    order = Order.objects.get()
    take_payment(order, payment_intent_id=f"pi_offline_{order.pk}")
    order.move_to(Order.Status.PAID, paid_at=timezone.now())
    refund = refund_order(order, quantities={order.lines.get(sku="MUG-1").pk: 1})
    order.refresh_from_db()
    return client, pages, order, generate_credit_note(refund)


def test_the_order_is_the_issues_example(spanish_shopper_order):
    _client, _pages, order, _credit_note = spanish_shopper_order

    assert (order.subtotal, order.discount, order.shipping_price, order.total, order.refunded_amount) == (
        Decimal("138.00"),
        Decimal("20.70"),
        Decimal("9.95"),
        Decimal("127.25"),
        Decimal("6.80"),
    )


def test_the_shoppers_pages_print_the_same_rows(spanish_shopper_order):
    client, _pages, order, _credit_note = spanish_shopper_order

    order_page = client.get(url("checkout:order", "es", token=order.token)).content.decode()
    success_page = client.get(url("payment:status", "es", token=order.token)).content.decode()
    account_page = client.get(url("accounts:order", "es", number=order.number)).content.decode()

    assert money_rows(order_page) == SPANISH
    assert money_rows(success_page) == SPANISH  # shipping included (it was left out)
    assert money_rows(account_page) == SPANISH  # shipping included (it was left out)


def test_the_checkout_showed_the_rows_the_order_has_and_the_cart_the_same_rows_it_could_know(spanish_shopper_order):
    _client, pages, _order, _credit_note = spanish_shopper_order

    assert money_rows(pages["checkout"], ".checkout__summary") == SPANISH[NOT_REFUNDED]
    # Before a destination is chosen: the same rows, shipping and tax as far as they are known
    assert money_rows(pages["cart"]) == [
        *SPANISH[:2],
        ("shipping", "Envío", "gratis"),  # the cheapest: standard delivery, free over 50
        ("tax", "Impuestos", "incluidos"),
        ("total", "Total", "117,30 US$"),
    ]


def test_the_admins_order_page_prints_the_same_rows_in_the_managers_language(spanish_shopper_order, django_user_model):
    _client, _pages, order, _credit_note = spanish_shopper_order
    manager = user_in_group(django_user_model, settings.SHOP_MANAGERS_GROUP, "checkout.view_order")
    admin = Client()
    admin.force_login(manager)

    html = admin.get(f"/admin/orders/{order.pk}/").content.decode()

    assert money_rows(html) == ENGLISH


@pytest.mark.parametrize("kind", ["confirmation", "shipped"])
def test_the_emails_print_the_same_rows_in_html_and_text(spanish_shopper_order, kind):
    _client, _pages, order, _credit_note = spanish_shopper_order

    if kind == "confirmation":
        message = confirmation_email(order)
    else:
        message = order_email(order, *STATUS_EMAILS[Order.Status.SHIPPED], kind)

    (html, _type) = message.alternatives[0]
    assert money_rows(html) == SPANISH
    assert as_text(SPANISH) in text_lines(message.body)


def test_the_invoice_prints_the_rows_of_the_sale_and_the_credit_note_where_the_refunds_stand(spanish_shopper_order):
    _client, _pages, order, credit_note = spanish_shopper_order
    invoice = generate_invoice(order)

    with translation.override("es"):
        invoice_html = render_to_string("checkout/payment/invoice.html", invoice_context(invoice))
        credit_note_html = render_to_string("checkout/payment/credit_note.html", credit_note_context(credit_note))

    # The invoice is the document of the sale: refunds are told by credit notes
    assert money_rows(invoice_html) == SPANISH[NOT_REFUNDED]
    assert as_pdf_words(SPANISH[NOT_REFUNDED]) in pdf_text(invoice_pdf(invoice))
    assert money_rows(credit_note_html) == SPANISH
    assert as_pdf_words(SPANISH) in pdf_text(credit_note_pdf(credit_note))
