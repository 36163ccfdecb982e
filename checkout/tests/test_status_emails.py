"""The customer is emailed when a shop manager ships or cancels their order: after commit, once, in their
language. Automatic moves (expiry, a declined payment, a coupon that stopped applying) send nothing."""

import smtplib
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from checkout import tasks
from checkout.models import Order, OrderEvent
from checkout.orders import emails, reservations, services

from .factories import make_order, make_paid_order

pytestmark = pytest.mark.django_db

ORDERS = "/admin/orders/"


def moved(order, status, **ago):
    """The order as if its move to `status` had been made this long ago."""
    OrderEvent.objects.filter(order=order, to_status=status).update(created_at=timezone.now() - timedelta(**ago))
    return order


def test_marking_shipped_in_the_admin_emails_the_customer_after_commit_in_their_language(
    client, manager, shop, mailoutbox, celery_eager, django_capture_on_commit_callbacks
):
    order = make_paid_order(language="es")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(f"{ORDERS}{order.pk}/ship/")
        assert mailoutbox == []

    (message,) = mailoutbox
    html, mimetype = message.alternatives[0]
    order.refresh_from_db()
    assert len(callbacks) == 1
    assert message.to == ["ana@example.com"]
    assert message.subject == f"Tu pedido {order.number} está en camino"
    assert mimetype == "text/html"
    assert f"2 × Kettle ({order.lines.get().sku}) — 49,00\xa0US$" in message.body
    for part in (message.body, html):
        assert "Hola, Ana:" in part
        assert f"tu pedido {order.number} ha sido enviado y está en camino" in part
        assert "Calle Mayor 1" in part
        assert f"http://localhost/es/finalizar-compra/pedido/{order.token}/" in part
    assert '<html lang="es" dir="ltr">' in html
    assert (order.status, order.shipped_email_sent_at is not None) == (Order.Status.SHIPPED, True)


def test_cancelling_in_the_admin_tells_the_customer_no_payment_was_taken(
    client, manager, shop, mailoutbox, celery_eager, django_capture_on_commit_callbacks
):
    order = make_order(language="ru")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{ORDERS}{order.pk}/cancel/", {"note": "Out of stock at the supplier"})

    (message,) = mailoutbox
    order.refresh_from_db()
    assert message.subject == f"Ваш заказ {order.number} отменён"
    for part in (message.body, message.alternatives[0][0]):
        assert f"Ваш заказ {order.number} отменён и не будет доставлен. Оплата за него не списывалась." in part
        assert "Out of stock" not in part
        assert f"http://localhost/ru/oformlenie/zakaz/{order.token}/" in part
    assert order.cancelled_email_sent_at is not None


def test_a_move_that_does_not_commit_queues_nothing(mailoutbox, django_capture_on_commit_callbacks, admin_user):
    order = make_paid_order()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.mark_shipped(order, by=admin_user)
        services.mark_shipped(order, by=admin_user)  # already shipped: nothing new to tell

    assert len(callbacks) == 1


def test_running_the_task_twice_sends_one_email(mailoutbox):
    order = make_paid_order()
    services.mark_shipped(order)

    results = [tasks.send_order_status_email(order.pk, "shipped") for _ in range(2)]

    assert results == [True, False]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == f"Your order {order.number} is on its way"


def test_an_smtp_failure_records_nothing_so_that_the_retry_sends(mailoutbox, monkeypatch):
    order = make_paid_order()
    services.mark_shipped(order)

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMultiAlternatives, "send", refuse)
        with pytest.raises(smtplib.SMTPServerDisconnected):
            emails.send_status_email(order.pk, "shipped")
    failed = Order.objects.get(pk=order.pk).shipped_email_sent_at
    retried = emails.send_status_email(order.pk, "shipped")

    assert failed is None
    assert retried is True
    assert len(mailoutbox) == 1


def test_the_task_retries_like_the_confirmation():
    options = ("autoretry_for", "retry_backoff", "retry_backoff_max", "retry_jitter", "max_retries")
    for option in options:
        assert getattr(tasks.send_order_status_email, option) == getattr(tasks.send_order_confirmation, option)


@pytest.mark.parametrize(
    "end",
    [
        reservations.expire_order,
        reservations.fail_order,
        services.cancel_order,  # by the shop itself (no shop manager): a coupon that stopped applying
    ],
)
def test_automatic_moves_email_nothing(end, mailoutbox, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(tasks.send_order_status_email, "delay", lambda *args, **kwargs: pytest.fail("queued"))
    order = make_order(reserved_minutes=-1)

    with django_capture_on_commit_callbacks(execute=True):
        end(order, note="automatic")
    moved(order, Order.objects.get(pk=order.pk).status, minutes=20)
    tasks.queue_missed_emails()

    assert mailoutbox == []


def test_the_catch_up_queues_status_emails_never_sent(monkeypatch, admin_user, settings):
    settings.EMAIL_CATCH_UP_DAYS = 7
    queued = []
    monkeypatch.setattr(tasks.send_order_status_email, "delay", lambda pk, status: queued.append((pk, status)))
    lost_shipping = moved(services.mark_shipped(make_paid_order()), "shipped", minutes=15)
    lost_cancellation = moved(services.cancel_order(make_order(), by=admin_user), "cancelled", hours=3)
    moved(services.mark_shipped(make_paid_order()), "shipped", minutes=2)  # its task may still be on its way
    moved(services.mark_shipped(make_paid_order()), "shipped", days=8)
    sent = moved(services.mark_shipped(make_paid_order()), "shipped", minutes=15)
    Order.objects.filter(pk=sent.pk).update(shipped_email_sent_at=timezone.now())

    numbers = tasks.queue_missed_emails()

    assert (numbers["shipped"], numbers["cancelled"]) == ([lost_shipping.number], [lost_cancellation.number])
    assert queued == [(lost_shipping.pk, "shipped"), (lost_cancellation.pk, "cancelled")]


def test_a_shipping_email_lost_to_a_broker_outage_is_sent_once_by_the_catch_up(shop, mailoutbox, celery_eager):
    # mark_shipped's after-commit queueing does not run inside this test's transaction: as if the broker was down
    order = moved(services.mark_shipped(make_paid_order(language="es")), "shipped", minutes=15)

    tasks.catch_up_emails()
    tasks.catch_up_emails()

    (message,) = mailoutbox
    assert message.subject == f"Tu pedido {order.number} está en camino"
    assert Order.objects.get(pk=order.pk).shipped_email_sent_at is not None
