"""The local test-card page: Stripe's test cards without keys or network, through the webhook's own path."""

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext

from checkout.models import Order, PaymentEvent
from checkout.payments.test_card import CardForm
from coupons.tests.factories import CouponFactory
from products.tests.factories import ProductFactory
from storefront.money import to_minor_units

from .factories import intent_of, make_order, session_of

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]

SUCCEEDS, DECLINED, AUTHENTICATES = "4242 4242 4242 4242", "4000 0000 0000 0002", "4000 0025 0000 3155"


def card(number, expiry="12 / 34", cvc="123"):
    return {"number": number, "expiry": expiry, "cvc": cvc}


@pytest.fixture
def started(client, offline):
    """A pending order whose shopper pressed "pay" with no Stripe keys: (order, test-card page URL)."""
    order = make_order()
    response = client.post(f"/en/payment/{order.token}/pay/")
    order.refresh_from_db()
    return order, response["Location"]


def test_without_keys_pay_leads_to_the_test_card_page(client, started):
    order, url = started

    assert url == f"/en/payment/{order.token}/test-card/"
    assert session_of(order).startswith("cs_offline_")
    assert order.payments.count() == 1
    content = client.get(url).content.decode()
    assert "No real card is charged." in content
    assert "$49.00" in content


def test_the_succeeding_card_pays_through_the_webhook_path(
    client, started, queued_invoices, django_capture_on_commit_callbacks
):
    order, url = started

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, card(SUCCEEDS))

    assert response["Location"] == f"/en/payment/{order.token}/?session_id={session_of(order)}"
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert intent_of(order) == "pi_offline_" + session_of(order).removeprefix("cs_offline_")
    record = PaymentEvent.objects.get()
    assert (record.type, record.outcome, record.order) == (
        "checkout.session.completed",
        PaymentEvent.Outcome.PROCESSED,
        order,
    )
    assert record.payload["data"]["object"]["amount_total"] == to_minor_units(order.total)
    assert queued_invoices == [order.pk]
    assert "Thank you, your order is paid" in client.get(response["Location"]).content.decode()


def test_the_declined_card_is_refused_and_the_order_stays_payable(client, started):
    order, url = started

    response = client.post(url, card(DECLINED))

    assert response.status_code == 200
    assert "Your card was declined. Please try another card." in response.content.decode()
    order.refresh_from_db()
    assert order.is_payable
    assert PaymentEvent.objects.count() == 0


def test_the_3d_secure_card_asks_for_confirmation_and_complete_pays(client, started, queued_invoices):
    order, url = started

    challenge_page = client.post(url, card(AUTHENTICATES))

    assert challenge_page.status_code == 302
    assert challenge_page["Location"].startswith(f"/en/payment/{order.token}/test-card/authenticate/?challenge=")
    page = client.get(challenge_page["Location"])
    assert "Your bank asks you to confirm the payment of $49.00" in page.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING

    challenge = page.context["challenge"]
    client.post(f"/en/payment/{order.token}/test-card/authenticate/", {"challenge": challenge, "action": "complete"})

    order.refresh_from_db()
    assert order.status == Order.Status.PAID


def test_a_failed_3d_secure_confirmation_goes_back_to_the_card_form(client, started):
    order, url = started
    challenge_url = client.post(url, card(AUTHENTICATES))["Location"]
    challenge = client.get(challenge_url).context["challenge"]

    response = client.post(
        f"/en/payment/{order.token}/test-card/authenticate/", {"challenge": challenge, "action": "fail"}, follow=True
    )

    assert response.redirect_chain == [(url, 302)]
    assert "The card&#x27;s authentication failed. Please try again or use another card." in response.content.decode()
    order.refresh_from_db()
    assert order.is_payable


def test_a_forged_3d_secure_challenge_pays_nothing(client, started):
    order, _url = started

    response = client.post(
        f"/en/payment/{order.token}/test-card/authenticate/", {"challenge": "forged:abc", "action": "complete"}
    )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (card("4242 4242 4242 4241"), "number", "Your card number is invalid."),
        (card("4242"), "number", "Your card number is invalid."),
        (card("abcd efgh"), "number", "Your card number is invalid."),
        (card("5555 5555 5555 4444"), "number", "This test page only accepts the test cards listed below."),
        (card(SUCCEEDS, expiry="01 / 20"), "expiry", "Your card's expiry date is in the past."),
        (card(SUCCEEDS, expiry="13 / 30"), "expiry", "Enter the expiry date as MM / YY."),
        (card(SUCCEEDS, expiry="tomorrow"), "expiry", "Enter the expiry date as MM / YY."),
        (card(SUCCEEDS, cvc="12"), "cvc", "Your card's security code is incomplete."),
        (card(SUCCEEDS, cvc=""), "cvc", "This field is required."),
    ],
)
def test_bad_card_details_are_form_errors(data, field, message):
    form = CardForm(data, today=date(2026, 11, 25))

    assert not form.is_valid()
    assert form.errors[field] == [message]


@pytest.mark.parametrize("expiry", ["11 / 26", "11/2026", "1 / 35"])
def test_any_future_expiry_and_any_cvc_are_accepted(expiry):
    form = CardForm(card(SUCCEEDS, expiry=expiry, cvc="9876"), today=date(2026, 11, 25))

    assert form.is_valid(), form.errors


def test_card_errors_are_translated(client, offline):
    order = make_order(language="es")
    url = client.post(f"/es/payment/{order.token}/pay/")["Location"]

    response = client.post(url, card("4242 4242 4242 4241"))

    with translation.override("es"):
        expected = gettext("Your card number is invalid.")
    assert url.startswith("/es/")
    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [expected]


def test_a_discounted_order_is_charged_its_total(client, offline, queued_invoices):
    # Given an order of 30.00 with 25 % (7.50) off: 22.50 to pay
    order = make_order([(ProductFactory(price="30.00"), 1)], coupon=CouponFactory(code="SAVE", value=Decimal("25")))
    url = client.post(f"/en/payment/{order.token}/pay/")["Location"]

    client.post(url, card(SUCCEEDS))

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert PaymentEvent.objects.get().payload["data"]["object"]["amount_total"] == to_minor_units(order.total)
    assert order.total == Decimal("22.50")


def test_paying_again_after_success_changes_nothing(client, started, queued_invoices):
    order, url = started
    client.post(url, card(SUCCEEDS))

    response = client.post(url, card(SUCCEEDS))

    assert response["Location"] == f"/en/payment/{order.token}/"
    assert PaymentEvent.objects.count() == 1


def test_the_page_needs_a_started_payment(client, offline):
    order = make_order()

    response = client.get(f"/en/payment/{order.token}/test-card/")

    assert response["Location"] == f"/en/payment/{order.token}/"


@pytest.mark.parametrize(
    "change",
    [{"STRIPE_OFFLINE_ALLOWED": False}, {"PAYMENT_PROVIDER": "checkout.payments.providers.stripe.StripeProvider"}],
    ids=["not-allowed", "stripe-chosen"],
)
def test_the_page_does_not_exist_where_it_is_not_allowed(client, started, settings, change):
    order, url = started
    for name, value in change.items():
        setattr(settings, name, value)

    assert client.get(url).status_code == 404
    assert client.post(url, card(SUCCEEDS)).status_code == 404
    assert client.get(f"/en/payment/{order.token}/test-card/authenticate/").status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_production_settings_cannot_enable_the_page():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storefront.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "shop.example.com",
        "STRIPE_OFFLINE_ALLOWED": "True",
        "DEBUG": "True",
    }
    code = "from django.conf import settings; print(settings.STRIPE_OFFLINE_ALLOWED, settings.DEBUG)"

    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=django_settings.BASE_DIR
    )

    assert result.stdout.strip() == "False False"
