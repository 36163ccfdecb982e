"""Sign up, verify, sign in and out with allauth on the shop's pages, in each language; never cached."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import Profile
from checkout.tests.factories import make_paid_order

from .factories import PASSWORD, make_customer

pytestmark = pytest.mark.django_db


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", message.body)[1]


def test_sign_up_sends_a_verification_email_in_the_pages_language_and_the_link_signs_in(client, homes):
    # When a shopper signs up on the Russian pages
    response = client.post(
        "/ru/akkaunt/signup/", {"email": "olga@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    # Then they are asked to verify the address, in Russian, and are not signed in yet
    assert response.status_code == 302
    assert response["Location"] == "/ru/akkaunt/confirm-email/"
    user = get_user_model().objects.get(email="olga@example.com")
    assert not user.is_staff and not user.is_superuser
    assert Profile.objects.get(user=user).language == "ru"
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == ["olga@example.com"]
    assert message.subject == "My Shop: Пожалуйста, подтвердите Ваш адрес электронной почты"
    link = confirmation_link(message)
    assert link.startswith("/ru/akkaunt/confirm-email/")

    # When they open the link and confirm
    page = client.get(link)
    assert page.status_code == 200
    assert 'lang="ru"' in page.content.decode()
    response = client.post(link)

    # Then the address is verified and they are signed in, on "My orders"
    assert EmailAddress.objects.get(user=user).verified
    assert response.status_code == 302
    assert response["Location"] == "/ru/akkaunt/zakazy/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_unverified_account_cannot_sign_in(client, homes):
    make_customer("ben@example.com", verified=False)

    response = client.post("/en/account/login/", {"login": "ben@example.com", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == "/en/account/confirm-email/"


def test_sign_in_and_out_by_email_and_password(client, homes):
    user = make_customer("ana@example.com")

    response = client.post("/es/cuenta/login/", {"login": "ana@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/es/cuenta/pedidos/"
    assert client.session["_auth_user_id"] == str(user.pk)

    response = client.post("/es/cuenta/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_told_with_the_error_linked_to_the_form(client, homes):
    make_customer("ana@example.com")

    response = client.post("/en/account/login/", {"login": "ana@example.com", "password": "wrong"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "The email address and/or password you specified are not correct." in html
    assert '<label for="id_login">' in html


def test_failed_sign_ins_are_rate_limited(client, homes):
    make_customer("ana@example.com")
    for _attempt in range(5):
        client.post("/en/account/login/", {"login": "ana@example.com", "password": "wrong"})

    # The sixth try is refused even with the right password, with a message, not a 500
    response = client.post("/en/account/login/", {"login": "ana@example.com", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/en/account/login/", "/es/cuenta/signup/", "/ru/akkaunt/password/reset/", "/en/account/confirm-email/"]
)
def test_allauth_pages_are_shop_pages_never_cached(client, homes, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert 'class="site-header"' in html  # the shop's own layout
    assert f'lang="{path[1:3]}"' in html


def test_password_reset_email_is_in_the_customers_preferred_language(client, homes):
    make_customer("ana@example.com", language="es")

    client.post("/en/account/password/reset/", {"email": "ana@example.com"})

    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    # Asked on an English page, written in her Spanish (allauth's own catalogue), under the shop's name
    assert message.subject == "My Shop: Correo electrónico para restablecer contraseña"


def test_a_shopper_account_never_opens_the_admin(client, homes):
    make_customer("ana@example.com")
    client.post("/en/account/login/", {"login": "ana@example.com", "password": PASSWORD})

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_keep_the_wagtail_admin_login(client, homes):
    get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-boss-1")

    response = client.post("/admin/login/", {"username": "boss", "password": "pw-boss-1"})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_changing_the_email_takes_effect_once_the_new_address_is_verified(client, homes):
    user = make_customer("ana@example.com")
    order = make_paid_order(email="ana.new@example.com")
    client.post("/en/account/login/", {"login": "ana@example.com", "password": PASSWORD})

    client.post("/en/account/email/", {"email": "ana.new@example.com", "action_add": ""})

    # The old address stays the account's until the new one is verified; no order is attached meanwhile
    user.refresh_from_db()
    assert user.email == "ana@example.com"
    order.refresh_from_db()
    assert order.customer is None
    [message] = [m for m in mail.outbox if m.to == ["ana.new@example.com"]]
    client.post(confirmation_link(message))

    user.refresh_from_db()
    order.refresh_from_db()
    assert user.email == "ana.new@example.com"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == ["ana.new@example.com"]
    assert order.customer == user


def test_form_errors_are_tied_to_their_fields(client, homes):
    response = client.post("/en/account/signup/", {"email": "not-an-email", "password1": "a", "password2": "b"})

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<input[^>]*name="email"[^>]*aria-invalid="true"', html)
    assert re.search(r'<input[^>]*name="email"[^>]*aria-describedby="[^"]*id_email_error', html)
    assert 'id="id_email_error"' in html
