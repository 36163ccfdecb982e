"""The page Stripe sends the shopper back to: it shows the paid order, or waits for the payment; it never
takes the URL's word for it and tells nothing about other orders."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from checkout.models import Order
from checkout.payments import views as payment_views
from products.tests.factories import ProductFactory

from .factories import intent_of, make_order, make_paid_order, session_of

pytestmark = pytest.mark.django_db


def status_url(order, session_id=None, language="en", refresh=None):
    url = f"/{language}/payment/{order.token}/"
    if session_id:
        url += f"?session_id={session_id}"
    if refresh is not None:
        url += f"&refresh={refresh}"
    return url


@pytest.fixture
def started(client, fake_stripe):
    """An order of 49.00 whose shopper went to the (fake) Stripe page: (order, session id)."""
    order = make_order()
    client.post(f"/en/payment/{order.token}/pay/")
    order.refresh_from_db()
    return order, session_of(order)


def test_a_paid_order_is_shown_paid_without_asking_stripe(client, fake_stripe):
    order = make_paid_order()

    response = client.get(status_url(order, "cs_whatever"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Thank you, your order is paid" in content
    assert f"/en/payment/{order.token}/invoice/" in content
    assert 'http-equiv="refresh"' not in content
    assert fake_stripe.requests == []


def test_coming_back_paid_before_the_webhook_fulfils_from_stripes_answer(
    client, started, fake_stripe, queued_invoices, django_capture_on_commit_callbacks
):
    order, session_id = started
    fake_stripe.pay(session_id)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(status_url(order, session_id))

    assert "Thank you, your order is paid" in response.content.decode()
    assert [r.path for r in fake_stripe.requests if r.method == "GET"] == [f"/v1/checkout/sessions/{session_id}"]
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert intent_of(order) == f"pi_{session_id}"
    assert queued_invoices == [order.pk]


def test_while_stripe_has_not_confirmed_the_page_waits_and_refreshes(client, started, fake_stripe):
    order, session_id = started

    response = client.get(status_url(order, session_id))

    content = response.content.decode()
    assert "We are confirming your payment" in content
    refresh_url = status_url(order, session_id, refresh=1).replace("&", "&amp;")
    assert f'<meta http-equiv="refresh" content="3;url={refresh_url}">' in content
    assert "Pay now" not in content and "Try paying again" not in content
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_after_two_minutes_the_page_stops_refreshing(client, started):
    order, session_id = started

    response = client.get(status_url(order, session_id, refresh=40))

    content = response.content.decode()
    assert "Your payment is still being confirmed" in content
    assert 'http-equiv="refresh"' not in content


def test_the_url_alone_never_marks_an_order_paid(client, started, fake_stripe):
    # Given Stripe says the session is complete but not paid (a delayed payment method)
    order, session_id = started
    fake_stripe.pay(session_id, payment_status="unpaid")

    client.get(status_url(order, session_id))

    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_stripe_down_keeps_the_shopper_waiting_not_an_error(client, started, fake_stripe):
    order, session_id = started
    fake_stripe.fail_next(2)

    response = client.get(status_url(order, session_id))

    assert response.status_code == 200
    assert "We are confirming your payment" in response.content.decode()


def test_someone_elses_session_id_reveals_nothing_and_asks_stripe_nothing(client, fake_stripe):
    # Given two shoppers who went to Stripe; the other one has paid
    mine = make_order([(ProductFactory(name="Kettle", price="24.50"), 2)])
    theirs = make_order([(ProductFactory(name="Secret gift", price="99.00"), 1)], email="bob@example.com")
    client.post(f"/en/payment/{mine.token}/pay/")
    client.post(f"/en/payment/{theirs.token}/pay/")
    theirs.refresh_from_db()
    fake_stripe.pay(session_of(theirs))
    asked = len(fake_stripe.requests)

    # When I put their session id on my order's page
    response = client.get(status_url(mine, session_of(theirs)))

    # Then I see my own unpaid order only, and Stripe is not asked
    content = response.content.decode()
    assert len(fake_stripe.requests) == asked
    assert theirs.number not in content
    assert "Secret gift" not in content and "bob@example.com" not in content
    assert "Thank you" not in content
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (Order.Status.PENDING, Order.Status.PENDING)


def test_a_session_that_stripe_says_belongs_to_another_order_is_not_used(client, started, fake_stripe, caplog):
    order, session_id = started
    fake_stripe.pay(session_id)["client_reference_id"] = "SOMEONE-ELSE"

    client.get(status_url(order, session_id))

    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert f"Stripe session {session_id} does not belong to order {order.number}" in caplog.text


def test_without_a_session_a_pending_order_offers_the_pay_button(client):
    order = make_order()

    response = client.get(status_url(order))

    content = response.content.decode()
    assert f'action="/en/payment/{order.token}/pay/"' in content
    assert "Pay now" in content
    assert 'http-equiv="refresh"' not in content


def test_an_expired_order_cannot_be_paid_any_more(client):
    order = make_order(status=Order.Status.EXPIRED)

    content = client.get(status_url(order)).content.decode()

    assert "This order can no longer be paid (Expired)." in content
    assert "/pay/" not in content


@pytest.mark.parametrize(
    ("language", "status", "given_back"),
    [
        ("en", "This order can no longer be paid (Cancelled).", "so we are refunding it in full, automatically."),
        ("es", "Este pedido ya no se puede pagar (Cancelado).", "se lo estamos reembolsando íntegramente"),
        ("ru", "Этот заказ больше нельзя оплатить (Отменён).", "поэтому автоматически возвращаем его вам полностью"),
    ],
)
def test_paying_for_an_order_cancelled_meanwhile_lands_on_a_page_saying_it_is_refunded(
    client, started, fake_stripe, language, status, given_back
):
    # Given a shopper on Stripe's page whose order is cancelled meanwhile, and who then pays
    order, session_id = started
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)
    fake_stripe.pay(session_id)

    # When Stripe sends them back (before its webhook has told the shop)
    content = client.get(status_url(order, session_id, language=language)).content.decode()

    # Then the page says the order cannot be paid and that their payment (49.00) is being refunded in full
    assert status in content
    assert given_back in content
    refund = order.refunds.get()
    assert (refund.kind, refund.status, refund.amount, refund.reason) == (
        "automatic",
        "pending",
        Decimal("49.00"),
        "order_cancelled",
    )


def test_an_order_cancelled_before_anything_was_paid_says_nothing_of_a_refund(client, started, fake_stripe):
    # Given an order cancelled while its shopper was on Stripe's page, who did not pay
    order, session_id = started
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)

    # When they come back
    content = client.get(status_url(order, session_id)).content.decode()

    # Then the page says only that the order can no longer be paid
    assert "This order can no longer be paid (Cancelled)." in content
    assert "refund" not in content
    assert not order.refunds.exists()


def test_an_unknown_token_is_not_found(client):
    assert client.get("/en/payment/no-such-order/").status_code == 404


def test_the_page_speaks_the_shoppers_language(client):
    order = make_paid_order(language="es")

    response = client.get(status_url(order, language="es"))

    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "paid_on"),
    [
        ("en", "Paid on Nov. 25, 2026."),
        ("es", "Pagado el 25 de noviembre de 2026."),
        ("ru", "Оплачен 25 ноября 2026 г.<"),
    ],
)
def test_the_payment_date_reads_naturally_in_each_language(client, language, paid_on):
    order = make_paid_order(language=language)
    Order.objects.filter(pk=order.pk).update(paid_at=datetime(2026, 11, 25, 12, tzinfo=UTC))

    content = client.get(status_url(order, language=language)).content.decode()

    assert paid_on in content


def test_a_paid_order_is_forgotten_by_the_cart(client, monkeypatch):
    # Given the cart's function that empties the cart of a session whose pending order is paid
    forgotten = []
    monkeypatch.setattr(payment_views, "forget_paid_order", lambda request, order: forgotten.append(order.pk))
    order = make_paid_order()

    client.get(status_url(order))

    assert forgotten == [order.pk]
