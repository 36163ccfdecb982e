"""Shipping and taxes after placing: the invoice (per-line net, rate and tax, shipping, the breakdown per rate, the
seller's and the buyer's tax ids, in Russian), the confirmation email, refunds (shipping only with the whole order)
and their credit notes."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from checkout.invoices.credit_notes import generate_credit_note
from checkout.invoices.documents import generate_invoice
from checkout.models import Order, ShippingMethod
from checkout.orders import services
from checkout.orders.emails import send_confirmation
from checkout.refunds.services import refund_order
from demo.shipping import ensure_shipping_and_taxes
from home.models import ShopSettings

from .conftest import ListCart
from .factories import CUSTOMER, take_payment
from .test_credit_notes import pdf_of as credit_note_pdf
from .test_invoice import pdf_of, pdf_text

pytestmark = pytest.mark.django_db

RUSSIAN = {
    **CUSTOMER,
    "first_name": "Борис",
    "last_name": "Иванов",
    "address": "ул. Ленина, 1",
    "city": "Москва",
    "postal_code": "101000",
    "country": "RU",
    "tax_id": "7701234567",
}


def russian_order(shop, kettles=1, status=Order.Status.PAID) -> Order:
    ensure_shipping_and_taxes()
    post = ShippingMethod.objects.get(name="International post", locale__language_code="en")
    order = services.place_order(ListCart((shop["kettle"], kettles)), RUSSIAN, "ru", shipping_method=post.pk)
    if status == Order.Status.PAID:
        take_payment(order, payment_intent_id=f"pi_offline_{order.pk}")
        order.move_to(status, paid_at=timezone.now())
    return order


def test_the_russian_invoice_shows_each_lines_tax_shipping_and_the_breakdown(shop):
    shop_settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop_settings.seller_tax_id = "ESB12345678"
    shop_settings.save()
    order = russian_order(shop)

    text = pdf_text(pdf_of(generate_invoice(order)))

    assert "ИНН: ESB12345678" in text  # the seller's
    assert "Борис Иванов ул. Ленина, 1 101000 Москва Россия" in text
    assert "ИНН: 7701234567" in text  # the buyer's
    # Product, units, unit price, net, rate, tax, amount
    assert "Kettle 1 24,50 $ 20,42 $ 20 % 4,08 $ 24,50 $" in text
    assert "Доставка: International post 1 14,95 $ 12,46 $ 20 % 2,49 $ 14,95 $" in text  # (no Russian texts here)
    # The money summary, as every page and email of the order shows it
    assert "Промежуточный итог 24,50 $ Доставка: International post 14,95 $ В том числе налог 20 % 6,57 $" in text
    assert "Итого 39,45 $" in text
    # The per-rate table and its totals without tax, of tax and with tax
    assert "20 % 32,88 $ 6,57 $ 39,45 $ Итого 32,88 $ 6,57 $ 39,45 $" in text
    assert "Налог по ставкам Ставка Без налога Налог Сумма 20 % 32,88 $ 6,57 $ 39,45 $" in text


def test_the_confirmation_email_shows_shipping_and_the_tax_included(shop):
    order = russian_order(shop, status=Order.Status.PENDING)

    send_confirmation(order.pk)

    (message,) = mail.outbox
    assert "Промежуточный итог: 24,50\xa0$\nДоставка: International post: 14,95\xa0$\n" in message.body
    assert "В том числе налог 20\xa0%: 6,57\xa0$\nИтого: 39,45\xa0$" in message.body
    assert "International post" in message.alternatives[0][0] and "39,45\xa0$" in message.alternatives[0][0]


def test_a_partial_refund_gives_back_the_units_not_shipping_the_last_one_gives_shipping_too(shop):
    order = russian_order(shop, kettles=2)  # 49.00 (below 50: shipping 14.95) → 63.95
    kettle_line = order.lines.get()

    first = refund_order(order, quantities={kettle_line.pk: 1})
    rest = refund_order(order)

    order.refresh_from_db()
    assert order.total == Decimal("63.95")
    assert (first.amount, rest.amount) == (Decimal("24.50"), Decimal("39.45"))
    assert order.refunded_amount == order.total
    # The last credit note gives back the second kettle and, apart, the shipping; both at 20 %
    text = pdf_text(credit_note_pdf(generate_credit_note(rest)))
    assert "Kettle 1 24,50 $ 20,42 $ 20 % 4,08 $ 24,50 $" in text
    assert "14,95 $ 12,46 $ 20 % 2,49 $ 14,95 $" in text
    assert "Возвращённый налог 6,57 $" in text
