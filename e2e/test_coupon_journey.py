"""A shopper applies a discount code in Spanish, checks out and pays on Stripe Checkout.

Stripe is the local fake of its API (checkout/tests/fake_stripe.py); its hosted page, which the shop
redirects to, is played by a small page the browser is given instead of the network: it shows what the
session would charge and returns to the shop the way Stripe does, after the fake marks the session paid.
"""

import re
import subprocess
from decimal import Decimal

import pytest
import requests
from django.core import mail
from playwright.sync_api import expect

from checkout.models import Invoice, Order
from checkout.tests.payment_fixtures import signed
from coupons.models import Coupon
from coupons.tests.factories import CouponFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def hosted_checkout(fake):
    """A route handler standing in for checkout.stripe.com: the session's amount and a button that pays."""

    def handle(route):
        session_id = route.request.url.rstrip("/").rsplit("/", 1)[-1]
        session = fake.sessions[session_id]
        amount = f"{session['amount_total'] / 100:.2f}"
        route.fulfill(
            content_type="text/html",
            body=(
                f'<html lang="{session["locale"]}"><body><h1>Stripe Checkout</h1>'
                f'<p class="amount">{amount} {session["currency"]}</p>'
                f'<form method="get" action="/pay/{session_id}"><button>Pagar</button></form></body></html>'
            ),
        )

    def pay(route):
        session_id = route.request.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        session = fake.pay(session_id)
        route.fulfill(
            status=303, headers={"Location": session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)}
        )

    return handle, pay


def test_a_shopper_applies_a_coupon_in_spanish_and_pays_with_stripe(
    browser_page, live_server, catalog, fake_stripe, settings
):
    CouponFactory(code="VERANO-10", value=10, descriptions={"es": "Un 10 % menos en todo el verano."})
    # The fake's hosted page lives at checkout.stripe.test: let the payment form go there, as it goes to Stripe.
    form_action = [*settings.CONTENT_SECURITY_POLICY["form-action"], "https://checkout.stripe.test"]
    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "form-action": form_action}
    page = browser_page
    show_checkout, pay = hosted_checkout(fake_stripe)
    page.route(re.compile(r"https://checkout\.stripe\.test/c/pay/[^/]+$"), show_checkout)
    page.route(re.compile(r"https://checkout\.stripe\.test/pay/.*"), pay)

    # A kettle in the cart, in Spanish.
    page.goto(catalog["kettle"]["es"].url)
    page.get_by_role("button", name="Añadir al carrito").click()
    expect(page.locator(".cart-link")).to_contain_text("Carrito: 1 artículo")
    page.locator(".cart-link").click()
    expect(page).to_have_url(re.compile(r"/es/carrito/$"))

    # A wrong code is refused in Spanish; the right one, typed carelessly, is applied.
    page.get_by_role("textbox", name="Código de descuento").fill("INVIERNO")
    page.get_by_role("button", name="Aplicar").click()
    expect(page.locator(".messages")).to_contain_text("No conocemos este código.")
    page.get_by_role("textbox", name="Código de descuento").fill("  verano-10 ")
    page.get_by_role("button", name="Aplicar").click()
    expect(page.get_by_text("Se ha aplicado el código VERANO-10.")).to_be_visible()
    expect(page.locator(".coupon__applied")).to_have_text("Código VERANO-10 aplicado: −2,45\xa0US$")
    expect(page.locator(".coupon__description")).to_have_text("Un 10 % menos en todo el verano.")

    # Check out as a guest.
    page.get_by_role("link", name="Finalizar compra").click()
    page.get_by_label("Nombre").fill("Lucía")
    page.get_by_label("Apellidos").fill("García")
    page.get_by_label("Correo electrónico").fill("lucia@example.com")
    page.get_by_label("Dirección").fill("Calle Mayor, 1")
    page.get_by_label("Código postal").fill("28013")
    page.get_by_label("Ciudad").fill("Madrid")
    page.get_by_label("País").select_option("ES")
    page.get_by_role("button", name="Hacer pedido").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/es/finalizar-compra/pedido/{re.escape(order.token)}/$"))
    expect(page.locator(".order-lines")).to_contain_text("Descuento (VERANO-10)")
    assert (order.language, order.coupon_code) == ("es", "VERANO-10")
    assert (order.subtotal, order.discount, order.total) == (Decimal("24.50"), Decimal("2.45"), Decimal("22.05"))

    # Stripe Checkout, in Spanish, charges the order's total with the code's discount.
    page.get_by_role("button", name="Pagar ahora").click()
    expect(page.locator(".amount")).to_have_text("22.05 usd")
    (session,) = fake_stripe.sessions.values()
    (coupon,) = fake_stripe.coupons.values()
    assert session["locale"] == "es"
    assert (session["amount_subtotal"], session["amount_total"]) == (2450, 2205)
    assert coupon["amount_off"] == 245 and "VERANO-10" in coupon["name"]

    # Paying brings the shopper back to the shop, which confirms the payment with Stripe.
    page.get_by_role("button", name="Pagar").click(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias, su pedido está pagado")
    expect(page.locator(".payment-status tfoot")).to_contain_text("Descuento (VERANO-10)")
    expect(page.locator(".order-total")).to_have_text("22,05\xa0US$")

    # Stripe's webhook arrives afterwards: the order is marked paid once, the coupon counted once.
    body, header = signed(fake_stripe.event("checkout.session.completed", session["id"]))
    response = requests.post(
        f"{live_server.url}/payment/webhook/",
        data=body,
        headers={"Stripe-Signature": header, "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert Coupon.objects.get(code="VERANO-10").uses == 1
    assert Invoice.objects.filter(order=order).count() == 1

    # The confirmation email and the invoice, in Spanish, show the code and the discount.
    (confirmation,) = [m for m in mail.outbox if m.subject == f"Tu pedido {order.number} en My Shop"]
    assert "Descuento (VERANO-10): −2,45\xa0US$" in confirmation.body
    (invoice_email,) = [m for m in mail.outbox if m.attachments]
    assert len(mail.outbox) == 2
    pdf = invoice_email.attachments[0][1]
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = text.decode()
    assert "Descuento (VERANO-10)" in text
    assert "22,05" in text
