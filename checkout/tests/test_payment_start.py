"""Starting a payment: the Checkout session Stripe is asked for, its keys and limits, and Stripe failing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from checkout.models import Order
from checkout.payments.providers import stripe as stripe_gateway
from checkout.payments.providers.stripe_checkout import checkout_amount
from coupons.tests.factories import CouponFactory
from products.tests.factories import ProductFactory
from storefront.money import to_minor_units

from .factories import make_order, session_of

pytestmark = pytest.mark.django_db


def pay_url(order, language="en"):
    return f"/{language}/payment/{order.token}/pay/"


def status_url(order, language="en"):
    return f"/{language}/payment/{order.token}/"


def test_the_session_is_built_from_the_order_in_the_database(client, fake_stripe):
    # Given a Spanish order of two kettles and a mug
    kettle = ProductFactory(sku="KET-1", name="Kettle", price="24.50")
    mug = ProductFactory(sku="MUG-1", name="Mug", price="8.00")
    order = make_order([(kettle, 2, "Hervidor"), (mug, 1, "Taza")], language="es", email="ana@example.com")

    # When the shopper presses "pay"
    response = client.post(pay_url(order, "es"))

    # Then they go to the hosted page of a session made of the order's lines, language and email
    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    session_id = next(iter(fake_stripe.sessions))
    assert response.status_code == 302
    assert response["Location"] == f"https://checkout.stripe.test/c/pay/{session_id}"
    params = created.params
    assert params["mode"] == "payment"
    assert params["line_items"] == [
        {
            "quantity": "2",
            "price_data": {
                "currency": "usd",
                "unit_amount": "2450",
                "product_data": {"name": "Hervidor", "metadata": {"sku": "KET-1"}},
            },
        },
        {
            "quantity": "1",
            "price_data": {
                "currency": "usd",
                "unit_amount": "800",
                "product_data": {"name": "Taza", "metadata": {"sku": "MUG-1"}},
            },
        },
    ]
    assert params["locale"] == "es"
    assert params["customer_email"] == "ana@example.com"
    assert params["client_reference_id"] == order.number
    assert params["metadata"] == {"order_number": order.number}
    assert "discounts" not in params
    assert params["success_url"] == (f"http://testserver/es/payment/{order.token}/?session_id={{CHECKOUT_SESSION_ID}}")
    assert params["cancel_url"] == f"http://testserver/es/finalizar-compra/pedido/{order.token}/"
    assert created.headers["Idempotency-Key"] == f"order-{order.pk}-{order.number}-attempt-1-session"
    assert fake_stripe.sessions[session_id]["amount_total"] == 5700
    order.refresh_from_db()
    assert session_of(order) == session_id
    assert order.payments.count() == 1
    assert order.status == Order.Status.PENDING


def test_the_session_expires_with_the_reservation(client, fake_stripe):
    # Given an order reserved for 3 more hours
    order = make_order(reserved_minutes=180)

    client.post(pay_url(order))

    # Then Stripe closes the session when the reservation ends
    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    assert int(created.params["expires_at"]) == int(order.reserved_until.timestamp())


def test_a_short_reservation_is_extended_to_stripes_thirty_minutes(client, fake_stripe):
    # Given an order whose reservation ends in 10 minutes (Stripe keeps a session open 30 at least)
    order = make_order(reserved_minutes=10)
    before = timezone.now()

    client.post(pay_url(order))

    # Then the session expires in 31 minutes and the stock stays reserved exactly as long
    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    order.refresh_from_db()
    expires_at = int(created.params["expires_at"])
    assert int((before + timedelta(minutes=31)).timestamp()) <= expires_at <= int(timezone.now().timestamp()) + 31 * 60
    assert int(order.reserved_until.timestamp()) == expires_at


def test_a_long_reservation_is_cut_to_stripes_day(client, fake_stripe):
    order = make_order(reserved_minutes=60 * 48)

    client.post(pay_url(order))

    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    expected = int((timezone.now() + timedelta(hours=23, minutes=59)).timestamp())
    assert expected - 5 <= int(created.params["expires_at"]) <= expected


def test_a_discount_is_a_one_off_coupon_and_stripe_charges_the_order_total(client, fake_stripe):
    # Given an order of 2 × 24.50 with 4.90 off (10 %) by the code SPRING10
    order = make_order(coupon=CouponFactory(code="SPRING10", value=Decimal("10")))

    client.post(pay_url(order))

    # Then a coupon worth exactly the discount is created and applied to the session
    (coupon_request,) = fake_stripe.requests_to("POST", "/v1/coupons")
    assert coupon_request.params == {
        "amount_off": "490",
        "currency": "usd",
        "duration": "once",
        "max_redemptions": "1",
        "name": "SPRING10",
        "metadata": {"order_number": order.number},
    }
    assert coupon_request.headers["Idempotency-Key"] == f"order-{order.pk}-{order.number}-attempt-1-coupon"
    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    coupon_id = next(iter(fake_stripe.coupons))
    assert created.params["discounts"] == [{"coupon": coupon_id}]
    # and what Stripe charges is the order's total, as checkout_amount() predicts
    session = next(iter(fake_stripe.sessions.values()))
    assert session["amount_total"] == to_minor_units(order.total) == checkout_amount(order)
    assert order.total == Decimal("44.10")  # 49.00 − 4.90


def test_a_session_that_would_charge_another_amount_is_not_created(client, fake_stripe, caplog):
    # Given an order whose total does not add up from its lines (49.00)
    order = make_order()
    Order.objects.filter(pk=order.pk).update(total="45.00")

    response = client.post(pay_url(order), follow=True)

    # Then Stripe is not called, the shopper is told, and the order can still be paid
    assert fake_stripe.requests == []
    assert "We could not start the payment. Please try again in a few minutes." in response.content.decode()
    assert "Stripe would charge 4900 but the order total is 4500" in caplog.text
    order.refresh_from_db()
    assert order.is_payable


def test_a_stripe_error_tells_the_shopper_and_keeps_the_order_payable(client, fake_stripe):
    # Given Stripe answers 500 to every request (the SDK retries once)
    order = make_order()
    fake_stripe.fail_next(2, status=500)

    response = client.post(pay_url(order), follow=True)

    # Then the shopper is back on the order with a clear message and can pay again
    assert response.redirect_chain == [(f"/en/checkout/order/{order.token}/", 302)]
    content = response.content.decode()
    assert "The payment service is not responding right now. Your order is kept" in content
    assert "Try paying again" in content
    order.refresh_from_db()
    assert order.is_payable
    assert session_of(order) == ""
    # and the SDK's retry carried the same idempotency key
    keys = [r.headers["Idempotency-Key"] for r in fake_stripe.requests_to("POST", "/v1/checkout/sessions")]
    assert keys == [f"order-{order.pk}-{order.number}-attempt-1-session"] * 2


def test_a_retried_create_makes_one_session(client, fake_stripe):
    order = make_order()
    fake_stripe.fail_next(1, status=500)

    response = client.post(pay_url(order))

    assert response.status_code == 302
    assert len(fake_stripe.requests_to("POST", "/v1/checkout/sessions")) == 2
    assert len(fake_stripe.sessions) == 1


def test_a_stripe_timeout_tells_the_shopper_and_keeps_the_order_payable(client, fake_stripe, monkeypatch):
    # Given Stripe answers after 1.5 s, and the shop waits 0.3 s without retrying
    monkeypatch.setattr(stripe_gateway, "REQUEST_TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(stripe_gateway, "MAX_NETWORK_RETRIES", 0)
    fake_stripe.delay = 1.5
    order = make_order()

    response = client.post(pay_url(order), follow=True)

    assert "The payment service is not responding right now." in response.content.decode()
    order.refresh_from_db()
    assert order.is_payable
    assert session_of(order) == ""


def test_trying_again_expires_the_previous_session_and_uses_a_new_key(client, fake_stripe):
    # Given the shopper went to Stripe once and came back without paying
    order = make_order()
    client.post(pay_url(order))
    first = next(iter(fake_stripe.sessions))

    # When they press "try again"
    client.post(pay_url(order))

    # Then the first session can no longer be paid and the second one has its own key
    second = list(fake_stripe.sessions)[1]
    assert fake_stripe.sessions[first]["status"] == "expired"
    keys = [r.headers["Idempotency-Key"] for r in fake_stripe.requests_to("POST", "/v1/checkout/sessions")]
    assert keys == [
        f"order-{order.pk}-{order.number}-attempt-1-session",
        f"order-{order.pk}-{order.number}-attempt-2-session",
    ]
    order.refresh_from_db()
    assert (session_of(order), order.payments.count()) == (second, 2)


def test_trying_again_after_paying_in_another_tab_does_not_charge_twice(
    client, fake_stripe, queued_invoices, django_capture_on_commit_callbacks
):
    # Given the shopper paid the first session, and its webhook has not arrived yet
    order = make_order()
    client.post(pay_url(order))
    first = next(iter(fake_stripe.sessions))
    fake_stripe.pay(first, amount_total=to_minor_units(order.total), currency=order.currency)

    # When they press "pay" again in another tab
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pay_url(order))

    # Then no new session is made: the order is paid from the completed one
    assert response["Location"] == f"/en/payment/{order.token}/?session_id={first}"
    assert len(fake_stripe.sessions) == 1
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert queued_invoices == [order.pk]


def test_a_previous_session_stripe_does_not_know_does_not_block_a_new_attempt(client, fake_stripe):
    # Given an order whose last session was made with other keys (Stripe answers 404 for it)
    order = make_order(session_id="cs_live_from_elsewhere")

    response = client.post(pay_url(order))

    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.test/c/pay/")
    order.refresh_from_db()
    assert session_of(order) == next(iter(fake_stripe.sessions))


def test_stripe_down_while_closing_the_previous_session_keeps_the_order_payable(client, fake_stripe):
    order = make_order()
    client.post(pay_url(order))
    fake_stripe.fail_next(2)

    response = client.post(pay_url(order), follow=True)

    assert "The payment service is not responding right now." in response.content.decode()
    assert len(fake_stripe.sessions) == 1
    order.refresh_from_db()
    assert order.is_payable


@pytest.mark.parametrize(
    "change",
    [{"status": Order.Status.CANCELLED}, {"status": Order.Status.PAID}, {"reserved_until": timezone.now()}],
    ids=["cancelled", "paid", "reservation-over"],
)
def test_an_order_that_is_not_payable_is_not_sent_to_stripe(client, fake_stripe, change):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(**change)

    response = client.post(pay_url(order), follow=True)

    assert "This order can no longer be paid." in response.content.decode()
    assert fake_stripe.requests == []


def test_start_needs_a_post(client, fake_stripe):
    order = make_order()

    assert client.get(pay_url(order)).status_code == 405
    assert fake_stripe.requests == []


def test_an_unknown_order_is_not_found(client, fake_stripe):
    assert client.post("/en/payment/not-a-token/pay/").status_code == 404


@pytest.mark.parametrize(
    ("provider", "logged"),
    [
        ("checkout.payments.providers.stripe.StripeProvider", "no STRIPE_SECRET_KEY"),
        ("checkout.payments.providers.offline.OfflineProvider", "the offline test-card page is not allowed"),
    ],
    ids=["stripe-without-keys", "test-card-page-not-allowed"],
)
def test_a_provider_that_cannot_take_payments_here_refuses_them(client, settings, caplog, provider, logged):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = False
    settings.PAYMENT_PROVIDER = provider
    order = make_order()

    response = client.post(pay_url(order), follow=True)

    assert "We could not start the payment." in response.content.decode()
    assert logged in caplog.text
    order.refresh_from_db()
    assert order.is_payable
    assert [payment.status for payment in order.payments.all()] == ["failed"]


@pytest.mark.parametrize(
    ("livemode", "url"),
    [
        (False, "https://dashboard.stripe.com/test/payments/pi_123"),
        (True, "https://dashboard.stripe.com/payments/pi_123"),
    ],
)
def test_the_stripe_dashboard_link_follows_the_payment_mode(livemode, url):
    order = make_order(payment_intent_id="pi_123", livemode=livemode)

    assert order.payments.get().dashboard_url == url


def test_an_attempt_not_paid_yet_and_a_test_card_payment_have_no_dashboard_link():
    assert make_order(session_id="cs_test_1").payments.get().dashboard_url == ""
    assert make_order(payment_intent_id="pi_offline_1").payments.get().dashboard_url == ""


def deploy_check_ids():
    from checkout.payments.providers.checks import stripe_deployment

    return sorted(problem.id for problem in stripe_deployment(None))


def test_deploy_checks_want_live_keys_and_no_offline_page(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    settings.STRIPE_API_BASE = "http://127.0.0.1:12111"

    assert deploy_check_ids() == ["checkout.E001", "checkout.E002", "checkout.E003", "checkout.W001"]


def test_deploy_checks_pass_with_live_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_live_abc"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_abc"
    settings.STRIPE_OFFLINE_ALLOWED = False
    settings.STRIPE_API_BASE = ""

    assert deploy_check_ids() == []


def test_deploy_checks_warn_about_a_test_key(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_abc"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_abc"
    settings.STRIPE_OFFLINE_ALLOWED = False
    settings.STRIPE_API_BASE = ""

    assert deploy_check_ids() == ["checkout.W002"]
