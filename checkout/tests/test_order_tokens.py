"""Order and payment URLs take only what can be an order token: anything else is a 404 before any query runs."""

import pytest
from django.urls import Resolver404, resolve, reverse

from checkout.apps import OrderTokenConverter
from checkout.orders.models import Order, new_token

TOKEN_MAX_LENGTH = Order._meta.get_field("token").max_length

ROUTES = [
    "checkout:order",
    "payment:status",
    "payment:start",
    "payment:invoice",
    "payment:offline",
    "payment:offline_3ds",
]


def test_the_converter_takes_tokens_as_long_as_the_column_holds():
    assert OrderTokenConverter.regex == f"[A-Za-z0-9_-]{{1,{TOKEN_MAX_LENGTH}}}"


@pytest.mark.parametrize("name", ROUTES)
def test_a_real_token_makes_a_url_that_resolves_to_its_view(name):
    token = new_token()

    match = resolve(reverse(name, kwargs={"token": token}))

    assert (match.view_name, match.kwargs) == (name, {"token": token})


@pytest.mark.parametrize("junk", ["\x00", "ab\x00cd", "%00", "a.b", "ñ", "🛒", "x" * (TOKEN_MAX_LENGTH + 1)])
@pytest.mark.parametrize("name", ROUTES)
def test_anything_else_is_not_an_order_url(name, junk):
    """It matches nothing, or Wagtail's page URLs (which answer 404 for a page that does not exist)."""
    path = reverse(name, kwargs={"token": "TOKEN"}).replace("TOKEN", junk)

    try:
        view_name = resolve(path).view_name
    except Resolver404:
        view_name = None
    assert view_name in {None, "wagtail_serve"}


@pytest.mark.django_db
def test_a_nul_in_the_token_is_a_404_page(client):
    assert client.get("/en/payment/ab%00cd/").status_code == 404
    assert client.post("/en/payment/%00/pay/").status_code == 404
