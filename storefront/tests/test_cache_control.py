"""Every response has a `Cache-Control` chosen on purpose (`storefront.cache_control`): catalog pages public with
their ages, an anonymous visitor's public 404 or redirect public for a minute, and everything personal (the
account, cart, checkout, payment and admin addresses in every language, their 404s and redirects too), every
5xx and every answer that sets a cookie `private, no-store`."""

import pytest
from django.http import HttpResponse, HttpResponseServerError
from django.test import RequestFactory

from storefront.cache_control import CacheControlMiddleware

pytestmark = pytest.mark.django_db

PAGE = "public, max-age=60, s-maxage=600"  # PAGE_CACHE_MAX_AGE, PAGE_CACHE_S_MAXAGE
SHORT = "public, max-age=60"  # SHORT_PUBLIC_MAX_AGE
PRIVATE = "max-age=0, no-cache, no-store, must-revalidate, private"

ANONYMOUS_GETS = [
    ("/", 302, SHORT),  # the language redirect (Vary: Accept-Language, Cookie)
    ("/en/kitchen", 301, SHORT),  # the trailing slash
    ("/en/", 200, PAGE),
    ("/es/", 200, PAGE),
    ("/ru/", 200, PAGE),
    ("/en/kitchen/", 200, PAGE),
    ("/en/kitchen/kettle/", 200, PAGE),
    ("/en/search/?q=kettle", 200, PAGE),
    ("/es/buscar/?q=hervidor", 200, PAGE),
    ("/ru/poisk/?q=x", 200, PAGE),
    ("/en/no-such-page/", 404, SHORT),
    ("/es/no-existe/", 404, SHORT),
    ("/ru/net-takoy/", 404, SHORT),
    ("/en/account/nope/", 404, PRIVATE),
    ("/es/cuenta/nope/", 404, PRIVATE),
    ("/ru/akkaunt/nope/", 404, PRIVATE),
    ("/en/account/orders/", 302, PRIVATE),  # to the sign-in page
    ("/es/cuenta/pedidos/", 302, PRIVATE),
    ("/ru/akkaunt/login/", 200, PRIVATE),
    ("/en/cart/", 200, PRIVATE),
    ("/en/cart/nope/", 404, PRIVATE),
    ("/es/carrito/nope/", 404, PRIVATE),
    ("/ru/korzina/nope/", 404, PRIVATE),
    ("/en/checkout/", 302, PRIVATE),  # an empty cart goes back to the cart
    ("/ru/oformlenie/nope/", 404, PRIVATE),
    ("/en/checkout/order/x/", 404, PRIVATE),
    ("/es/payment/x/", 404, PRIVATE),
    ("/ru/payment/x/test-card/", 404, PRIVATE),
    ("/en/coupon/apply/", 405, PRIVATE),
    ("/payment/webhook/", 405, PRIVATE),
    ("/admin/", 302, PRIVATE),
    ("/admin/nope/", 302, PRIVATE),
    ("/documents/1/x.pdf", 404, PRIVATE),
    ("/health/", 200, PRIVATE),
    ("/csrf/", 200, PRIVATE),
    ("/robots.txt", 200, "public, max-age=3600"),
    ("/sitemap.xml", 200, "max-age=900"),  # the view's own
    ("/static/no-such.css", 404, SHORT),
]
POSTS = [
    ("/payment/webhook/", 400),  # unsigned
    ("/en/cart/add/", 302),  # junk variant: back with a message (a cookie)
    ("/es/coupon/apply/", 302),
    ("/en/search/", 405),
    ("/en/no-such-page/", 404),
    ("/ru/akkaunt/login/", 200),  # the form again, with its errors
]


def test_every_anonymous_answer_has_its_cache_control(client, catalog):
    client.raise_request_exception = False
    answers = []
    for path, _status, _control in ANONYMOUS_GETS:
        client.cookies.clear()
        response = client.get(path)
        answers.append((path, response.status_code, response.get("Cache-Control")))

    assert answers == ANONYMOUS_GETS


def test_a_public_404_or_redirect_varies_on_the_cookie_and_sets_none(client, catalog):
    for path in ("/en/no-such-page/", "/"):
        response = client.get(path)

        assert "Cookie" in response["Vary"]
        assert not response.cookies


def test_every_post_answer_is_private(client, catalog):
    client.raise_request_exception = False
    answers = []
    for path, _status in POSTS:
        client.cookies.clear()
        response = client.post(path, {"variant": "x", "code": "x", "login": "x", "password": "x"})
        answers.append((path, response.status_code, response.get("Cache-Control")))

    assert answers == [(path, status, PRIVATE) for path, status in POSTS]


def test_a_visitor_with_a_cart_gets_every_page_and_404_privately(client, catalog):
    session = client.session
    session["cart"] = {}
    session.save()

    answers = {path: client.get(path).get("Cache-Control") for path in ("/en/", "/es/no-existe/", "/en/kitchen/")}

    assert answers == dict.fromkeys(("/en/", "/es/no-existe/", "/en/kitchen/"), PRIVATE)


def respond(response, path="/en/kitchen/"):
    """`response` as it leaves `CacheControlMiddleware` for an anonymous GET of `path`."""
    return CacheControlMiddleware(lambda request: response)(RequestFactory().get(path))


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_is_private_even_if_something_said_public(status):
    response = HttpResponseServerError(status=status)
    response["Cache-Control"] = "public, max-age=600"

    assert respond(response)["Cache-Control"] == PRIVATE


def test_an_answer_that_sets_a_cookie_is_private_even_if_the_view_said_public():
    response = HttpResponse("page")
    response["Cache-Control"] = PAGE
    response.set_cookie("someone", "1")

    assert respond(response)["Cache-Control"] == PRIVATE


def test_a_view_that_decided_keeps_its_header_and_an_undecided_200_is_private():
    decided = HttpResponse("feed")
    decided["Cache-Control"] = "public, max-age=3600"

    assert respond(decided)["Cache-Control"] == "public, max-age=3600"
    assert respond(HttpResponse("x"))["Cache-Control"] == PRIVATE


def test_the_short_public_age_is_a_setting(settings):
    settings.SHORT_PUBLIC_MAX_AGE = 15

    assert respond(HttpResponse(status=404), "/en/nope/")["Cache-Control"] == "public, max-age=15"
