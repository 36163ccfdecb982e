"""A shop manager finds a paid order on the admin dashboard, ships it, and the customer is told in Spanish."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from checkout.models import Order
from checkout.tests.factories import make_paid_order

from .conftest import sign_in_as_shop_manager

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_shop_manager_ships_a_paid_order_and_the_customer_is_emailed(browser_page, live_server, homes):
    # Given a paid order placed in Spanish, and a member of the Shop managers group
    order = make_paid_order(language="es", email="lucia@example.com")
    page = browser_page

    # When she signs in, the dashboard lists the order among those to ship
    sign_in_as_shop_manager(page)
    orders_to_ship = page.locator("section", has=page.get_by_role("heading", name="Orders to ship"))
    expect(orders_to_ship).to_contain_text("1 paid order to ship")

    # And she opens it and marks it shipped, with a note
    orders_to_ship.get_by_role("link", name=order.number).click()
    expect(page.get_by_role("heading", name="Status: Paid")).to_be_visible()
    page.locator("[data-order-action=ship] input[name=note]").fill("Parcel 4711 with Correos")
    page.get_by_role("button", name="Mark as shipped").click()

    # Then the order is shipped, its history says by whom and why, and the order is off the dashboard
    expect(page.get_by_text(f"Order {order.number} is now shipped.")).to_be_visible()
    expect(page.locator("[data-order-status]").first).to_have_attribute("data-order-status", "shipped")
    expect(page.locator("tr[data-event=shipped]")).to_contain_text("Parcel 4711 with Correos")
    expect(page.locator("tr[data-event=shipped]")).to_contain_text("marta")
    assert Order.objects.get(pk=order.pk).status == Order.Status.SHIPPED
    page.goto("/admin/")
    expect(page.locator("section", has=page.get_by_role("heading", name="Orders to ship"))).to_contain_text(
        "No paid order is waiting to be shipped."
    )

    # And the customer got one email, in Spanish, saying the order is on its way
    (shipped,) = [message for message in mail.outbox if message.to == ["lucia@example.com"]]
    assert shipped.subject == f"Tu pedido {order.number} está en camino"
