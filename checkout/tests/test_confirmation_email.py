"""The order confirmation email: HTML and text, customer text escaped, sent once, retried when SMTP fails."""

import re
import smtplib
from decimal import Decimal

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from kombu.exceptions import OperationalError

from checkout.models import Order
from checkout.orders import emails, services
from checkout.tasks import send_order_confirmation
from coupons.tests.factories import CouponFactory
from products.tests.factories import english_shop, variant_of
from storefront.mail import SendInProgress

from .conftest import ListCart
from .factories import CUSTOMER

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(shop, customer):
    return services.place_order(ListCart((shop["kettle"], 2), (shop["mug"], 1)), customer, "en")


def test_the_email_has_a_text_and_an_html_part_with_the_order(order, mailoutbox):
    sent = emails.send_confirmation(order.pk)

    (message,) = mailoutbox
    html, mimetype = message.alternatives[0]
    assert sent is True
    assert message.to == ["ana@example.com"]
    assert message.subject == f"Your order {order.number} at My Shop"
    assert mimetype == "text/html"
    for part in (message.body, html):
        assert "Hello Ana," in part
        assert "Kettle" in part and "(KET-1)" in part and "$49.00" in part and "$57.00" in part
        assert f"http://localhost/en/checkout/order/{order.token}/" in part
    assert "2 × Kettle (KET-1) — $49.00" in message.body
    assert f'<a href="http://localhost/en/checkout/order/{order.token}/">' in html


def test_customer_text_is_escaped_in_html_and_plain_in_text(shop, customer, mailoutbox):
    customer.update(first_name="<script>alert(1)</script>", address="<b>Main</b> & Co")
    order = services.place_order(ListCart((shop["kettle"], 1)), customer, "en")

    emails.send_confirmation(order.pk)

    (message,) = mailoutbox
    html = message.alternatives[0][0]
    assert "<script>" not in html and "<b>Main</b>" not in html
    assert "Hello &lt;script&gt;alert(1)&lt;/script&gt;," in html
    assert "&lt;b&gt;Main&lt;/b&gt; &amp; Co" in html
    assert "Hello <script>alert(1)</script>," in message.body
    assert "<b>Main</b> & Co" in message.body


def test_a_second_delivery_sends_nothing(order, mailoutbox):
    first = emails.send_confirmation(order.pk)
    second = emails.send_confirmation(order.pk)

    order.refresh_from_db()
    assert (first, second) == (True, False)
    assert len(mailoutbox) == 1
    assert order.confirmation_sent_at is not None


def test_a_missing_order_sends_nothing(db, mailoutbox):
    assert emails.send_confirmation(987654) is False
    assert mailoutbox == []


def test_an_smtp_failure_records_nothing_so_that_the_retry_sends(order, mailoutbox, monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)

    with pytest.raises(smtplib.SMTPServerDisconnected):
        emails.send_confirmation(order.pk)

    order.refresh_from_db()
    assert order.confirmation_sent_at is None


def test_the_task_retries_smtp_and_network_errors_and_a_send_in_progress_with_exponential_backoff():
    assert send_order_confirmation.autoretry_for == (smtplib.SMTPException, OSError, SendInProgress)
    assert send_order_confirmation.retry_backoff == 30
    assert send_order_confirmation.retry_backoff_max == 3600
    assert send_order_confirmation.retry_jitter is True
    assert send_order_confirmation.max_retries == 10


def test_the_task_sends_once_after_transient_smtp_failures(order, monkeypatch):
    failures = [smtplib.SMTPServerDisconnected("closed"), ConnectionRefusedError(111, "Connection refused")]
    real_send = EmailBackend.send_messages

    def flaky(self, messages):
        if failures:
            raise failures.pop(0)
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)

    result = send_order_confirmation.apply(args=[order.pk])

    assert result.state == "SUCCESS"
    assert result.result is True
    assert len(mail.outbox) == 1
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is not None


def test_placing_an_order_queues_the_email_after_commit(shop, customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = services.place_order(ListCart((shop["mug"], 1)), customer, "en")

    assert [message.to for message in mail.outbox] == [["ana@example.com"]]
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_broker_outage_after_commit_does_not_lose_the_order(client, monkeypatch, caplog):
    shop = english_shop()

    def broker_down(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(send_order_confirmation, "delay", broker_down)
    client.post(reverse("cart:add"), {"variant": str(variant_of(shop["kettle"]).pk), "quantity": "1"})
    page = client.get(reverse("checkout:checkout")).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)

    response = client.post(reverse("checkout:checkout"), {**CUSTOMER, "submission_key": key})

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("checkout:order", kwargs={"token": order.token})
    assert order.confirmation_sent_at is None
    assert "Connection refused" in caplog.text


def test_the_email_shows_the_coupon_code_and_discount_in_the_order_language(shop, customer, mailoutbox):
    CouponFactory(code="VERANO-10", value=10)
    order = services.place_order(
        ListCart((shop["kettle"], 2), (shop["mug"], 1)), customer, "es", coupon_code=" verano-10 "
    )

    emails.send_confirmation(order.pk)

    (message,) = mailoutbox
    html = message.alternatives[0][0]
    assert order.discount == Decimal("5.70")
    assert "Descuento (VERANO-10): −5,70\xa0US$" in message.body
    assert "Total: 51,30\xa0US$" in message.body
    assert "Descuento (VERANO-10)</th>" in html and "−5,70\xa0US$" in html
