"""Problems reach a person: an email the shop gave up sending becomes an alert, alerts are emailed to the shop
managers, listed on their dashboard, and leave it once one of them marks them resolved."""

import smtplib

import pytest
from django.conf import settings
from django.core import mail

from checkout import tasks
from checkout.models import Alert
from checkout.orders.alerts import raise_alert

from .factories import make_order, user_in_group

pytestmark = pytest.mark.django_db


def test_an_email_given_up_on_after_its_retries_alerts_the_shop_managers(monkeypatch):
    order = make_order()

    def mail_server_down(order_pk):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(tasks.emails, "send_confirmation", mail_server_down)
    monkeypatch.setattr(tasks.send_order_confirmation, "max_retries", 2)

    result = tasks.send_order_confirmation.apply(args=[order.pk])

    assert result.failed()
    alert = Alert.objects.get()
    assert (alert.kind, alert.order) == (Alert.Kind.EMAIL_FAILED, order)
    assert alert.message.startswith("checkout.tasks.send_order_confirmation gave up after 2 retries")


def test_alerts_go_to_every_shop_manager_with_an_address(django_user_model, django_capture_on_commit_callbacks):
    ana = user_in_group(django_user_model, settings.SHOP_MANAGERS_GROUP)
    ana.email = "ana@shop.example"
    ana.save()
    order = make_order()

    with django_capture_on_commit_callbacks(execute=True):
        raise_alert(Alert.Kind.DISPUTE, "Dispute dp_1 on payment pi_1", order)

    (message,) = mail.outbox
    assert message.to == ["ana@shop.example"]
    assert order.number in message.subject and "Dispute dp_1 on payment pi_1" in message.body
    assert Alert.objects.get().emailed_at is not None


def test_the_dashboard_lists_open_alerts_until_one_is_resolved(client, django_user_model):
    manager = user_in_group(
        django_user_model, settings.SHOP_MANAGERS_GROUP, "checkout.view_order", "checkout.change_order"
    )
    client.force_login(manager)
    order = make_order()
    alert = raise_alert(Alert.Kind.REFUND_FAILED, "Refund of 49.00 usd failed: card expired", order)

    before = client.get("/admin/").content.decode()
    response = client.post(f"/admin/alerts/{alert.pk}/resolve/")
    after = client.get("/admin/").content.decode()

    assert 'data-alert="refund_failed"' in before and "card expired" in before
    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.resolved_by, alert.resolved_at is not None) == (manager, True)
    assert 'data-alert="refund_failed"' not in after


def test_editors_neither_see_nor_resolve_alerts(client, django_user_model):
    client.force_login(user_in_group(django_user_model, settings.EDITORS_GROUP))
    alert = raise_alert(Alert.Kind.DISPUTE, "Dispute dp_2", make_order())

    dashboard = client.get("/admin/").content.decode()
    response = client.post(f"/admin/alerts/{alert.pk}/resolve/")

    assert "Dispute dp_2" not in dashboard
    assert response.status_code in (302, 403)
    alert.refresh_from_db()
    assert alert.resolved_at is None
