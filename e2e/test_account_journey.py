"""A Russian guest pays, creates an account from the success page without typing the email again, verifies the
address from the email, finds the order in "My orders" and buys it again."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from checkout.models import Order
from checkout.tests.factories import make_order

from .accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_russian_guest_pays_creates_an_account_and_buys_again(browser_page, live_server, catalog, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    kettle = catalog["kettle"]["ru"].product
    order = make_order([(kettle, 2, "Чайник")], language="ru", email="olga@example.com")
    page = browser_page

    # The guest pays the order with the test card
    page.goto(f"/ru/payment/{order.token}/")
    page.get_by_role("button", name="Оплатить").click()
    page.get_by_label("Номер карты").fill("4242 4242 4242 4242")
    page.get_by_label("Срок действия").fill("12 / 34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name=re.compile(r"^Оплатить ")).click(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо, ваш заказ оплачен")

    # The success page offers an account for the order's email: only a password to choose
    offer = page.get_by_role("region", name="Создать аккаунт")
    expect(offer).to_contain_text("olga@example.com")
    assert_accessible(page)
    offer.get_by_label("Пароль", exact=True).fill("kettle-and-mug-42")
    offer.get_by_label("Пароль (ещё раз)").fill("kettle-and-mug-42")
    offer.get_by_role("button", name="Создать аккаунт").click()
    expect(page).to_have_url(re.compile(r"/ru/akkaunt/confirm-email/$"))
    assert Order.objects.get(pk=order.pk).customer is None  # not before the address is verified

    # The verification email, in Russian, links to the confirmation page
    (message,) = [
        message for message in mail.outbox if message.to == ["olga@example.com"] and "подтвердите" in message.subject
    ]
    link = re.search(r"https?://[^/\s]+(/ru/akkaunt/confirm-email/\S+/)", message.body)[1]
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Подтвердить").click()

    # Signed in, on "My orders": the order is there
    expect(page).to_have_url(re.compile(r"/ru/akkaunt/zakazy/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои заказы")
    assert_accessible(page)
    page.get_by_role("link", name=order.number).click()
    expect(page.locator(".order-status")).to_have_text("Оплачен")
    assert_accessible(page)

    # Buy again refills the cart
    page.get_by_role("button", name="Купить снова").click()
    expect(page).to_have_url(re.compile(r"/ru/korzina/$"))
    expect(page.locator("tr.cart-line th a")).to_have_text(["Чайник"])
    expect(page.get_by_text("В корзину добавлено 2 единицы товара.")).to_be_visible()


def test_the_sign_in_page_tells_errors_accessibly_and_works_by_keyboard(browser_page, live_server, homes):
    page = browser_page
    page.goto("/es/cuenta/login/")
    assert_accessible(page)

    # Keyboard only: the email field, the password, then Enter
    page.get_by_label("Correo electrónico").focus()
    page.keyboard.type("nadie@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong-password-1")
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("no son correctas")
    assert_accessible(page)
