"""A shopper pays an order on the local test-card page (no Stripe keys): declined first, then paid."""

import pytest
from playwright.sync_api import expect

from checkout.models import Invoice, Order
from checkout.tests.factories import make_order
from products.tests.factories import ProductFactory

pytestmark = pytest.mark.e2e


def test_shopper_pays_with_a_test_card_and_sees_the_order_paid(live_server, browser_page, settings):
    # Given an order of two kettles, and a shop without Stripe keys (the test-card page stands in)
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    order = make_order([(ProductFactory(sku="KET-1", name="Kettle", price="24.50"), 2)])
    page = browser_page

    # When the shopper opens their order and presses "Pay now"
    page.goto(f"/en/payment/{order.token}/")
    expect(page.locator(".order-total")).to_have_text("$49.00")
    page.get_by_role("button", name="Pay now").click()

    # Then the test-card page asks for $49.00
    expect(page).to_have_url(f"{live_server.url}/en/payment/{order.token}/test-card/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pay order {order.number}")

    # When the card is declined, they are told and can try another
    page.get_by_label("Card number").fill("4000 0000 0000 0002")
    page.get_by_label("Expiry date").fill("12 / 34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name="Pay $49.00").click()
    expect(page.get_by_role("alert")).to_contain_text("Card number: Your card was declined. Please try another card.")
    expect(page.locator(":focus")).to_have_class("error-summary")  # the summary took the focus

    # And with the succeeding card
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry date").fill("12 / 34")
    page.get_by_label("CVC").fill("123")
    # (without a broker the invoice task runs in this request, after the commit: WeasyPrint's first PDF is slow)
    page.get_by_role("button", name="Pay $49.00").click(timeout=60_000)

    # Then they see their order paid, with its invoice
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is paid")
    expect(page.get_by_role("link", name="Invoice (PDF)")).to_have_attribute(
        "href", f"/en/payment/{order.token}/invoice/"
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert Invoice.objects.filter(order=order).count() == 1
