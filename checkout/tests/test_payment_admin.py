"""Payments in the Wagtail admin: events listed with their outcome, re-processing failed ones, invoice PDFs."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from checkout.models import Invoice, Order, PaymentEvent

from .factories import make_order, make_paid_order
from .payment_factories import session_for

pytestmark = pytest.mark.django_db


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user(username="-".join(codenames) or "nobody", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="checkout"))
    return user


@pytest.fixture
def manager(client, django_user_model):
    """A shop manager who may view payment events and re-process them, and view orders."""
    client.force_login(staff(django_user_model, "view_paymentevent", "change_paymentevent", "view_order"))
    return client


def failed_event(order):
    session = session_for(order, payment_intent="pi_1")
    return PaymentEvent.objects.create(
        provider="stripe",
        event_id="evt_failed",
        type="checkout.session.completed",
        payload={"id": "evt_failed", "type": "checkout.session.completed", "data": {"object": session}},
        outcome=PaymentEvent.Outcome.FAILED,
        message="OperationalError: connection lost",
    )


def test_events_are_listed_with_their_outcome(manager):
    order = make_order()
    PaymentEvent.objects.create(
        provider="stripe",
        event_id="evt_ok",
        type="checkout.session.completed",
        order=order,
        payload={},
        outcome="processed",
    )
    failed_event(order)

    response = manager.get(reverse("payment_events:index"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "evt_ok" in content and "evt_failed" in content
    assert "Processed" in content and "Failed" in content
    assert reverse("checkout_paymentevent_reprocess", args=[PaymentEvent.objects.get(outcome="failed").pk]) in content


def test_nobody_adds_edits_or_deletes_events(client, admin_user):
    client.force_login(admin_user)
    event = failed_event(make_order())

    for url in (
        reverse("payment_events:add"),
        reverse("payment_events:edit", args=[event.pk]),
        reverse("payment_events:delete", args=[event.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(reverse("payment_events:delete", args=[event.pk])).status_code in (302, 403)
    assert PaymentEvent.objects.filter(pk=event.pk).exists()


def test_the_inspect_view_shows_the_payload_and_the_reprocess_button(manager):
    event = failed_event(make_order())

    content = manager.get(reverse("payment_events:inspect", args=[event.pk])).content.decode()

    assert "OperationalError: connection lost" in content
    assert "&quot;payment_intent&quot;: &quot;pi_1&quot;" in content
    assert reverse("checkout_paymentevent_reprocess", args=[event.pk]) in content


def test_a_manager_reprocesses_a_failed_event(manager):
    order = make_order(session_id="cs_test_1")
    event = failed_event(order)
    url = reverse("checkout_paymentevent_reprocess", args=[event.pk])

    confirm = manager.get(url)
    response = manager.post(url, follow=True)

    assert "Process Stripe event evt_failed (checkout.session.completed) again" in confirm.content.decode()
    assert "The event was processed: Processed." in response.content.decode()
    event.refresh_from_db()
    order.refresh_from_db()
    assert (event.outcome, event.order) == (PaymentEvent.Outcome.PROCESSED, order)
    assert order.status == Order.Status.PAID


def test_a_processed_event_is_not_processed_again(manager):
    order = make_paid_order()
    event = PaymentEvent.objects.create(
        provider="stripe", event_id="evt_done", type="checkout.session.completed", payload={}, outcome="processed"
    )

    response = manager.post(reverse("checkout_paymentevent_reprocess", args=[event.pk]), follow=True)

    assert "This event was processed already." in response.content.decode()
    event.refresh_from_db()
    assert event.outcome == "processed"
    assert list(order.events.values_list("to_status", flat=True)) == ["pending", "paid"]  # as it was made


def test_reprocessing_needs_the_change_permission(client, django_user_model):
    client.force_login(staff(django_user_model, "view_paymentevent"))
    order = make_order(session_id="cs_test_1")
    event = failed_event(order)
    url = reverse("checkout_paymentevent_reprocess", args=[event.pk])

    listing = client.get(reverse("payment_events:index"))
    response = client.post(url)

    assert listing.status_code == 200
    assert url not in listing.content.decode()
    assert response.status_code in (302, 403)
    event.refresh_from_db()
    assert event.outcome == PaymentEvent.Outcome.FAILED
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_reprocessing_needs_a_post_to_change_anything(manager):
    order = make_order(session_id="cs_test_1")
    event = failed_event(order)

    manager.get(reverse("checkout_paymentevent_reprocess", args=[event.pk]))

    event.refresh_from_db()
    assert event.outcome == PaymentEvent.Outcome.FAILED


def test_a_manager_opens_the_invoice_pdf_of_an_order(manager):
    order = make_paid_order()

    response = manager.get(reverse("checkout_invoice_pdf_admin", args=[order.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="invoice-{order.invoice.display_number}.pdf"'


def test_an_unpaid_order_has_no_invoice_in_the_admin(manager):
    response = manager.get(reverse("checkout_invoice_pdf_admin", args=[make_order().pk]), follow=True)

    # (Django's LocaleMiddleware first tries the 404's path under /en/, which is not found either)
    assert response.status_code == 404
    assert Invoice.objects.count() == 0


def test_the_invoice_needs_the_order_permission(client, django_user_model):
    client.force_login(staff(django_user_model, "view_paymentevent"))

    response = client.get(reverse("checkout_invoice_pdf_admin", args=[make_paid_order().pk]))

    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_the_order_page_lists_its_payments_with_a_link_to_the_stripe_dashboard(manager):
    # Given an order whose first attempt was closed and whose second one paid it in live mode
    order = make_order(session_id="cs_live_1", status=Order.Status.PAID, livemode=True)
    first = order.payments.get()
    first.payment_intent_id, first.session_id = "pi_live_1", "cs_live_2"
    first.save()
    order.payments.create(
        provider="stripe", session_id="cs_live_1", amount=order.total, currency="usd", status="cancelled"
    )

    content = manager.get(f"/admin/orders/{order.pk}/").content.decode()

    assert content.count('data-payment-status="') == 2
    assert 'data-payment-status="succeeded"' in content and 'data-payment-status="cancelled"' in content
    assert (
        '<a href="https://dashboard.stripe.com/payments/pi_live_1" target="_blank" rel="noopener" data-dashboard>'
        in content
    )
    assert "cs_live_1" in content and "cs_live_2" in content
    assert "$49.00" in content


def test_the_order_page_says_when_no_payment_was_started(manager):
    content = manager.get(f"/admin/orders/{make_order().pk}/").content.decode()

    assert "No payment was started." in content
