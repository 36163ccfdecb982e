"""The Content-Security-Policy: the shop's pages run only the shop's own scripts."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def directives(response):
    header = response.headers["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


# The whole policy, written out: a change to any directive is a decision this test makes you take twice.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", "https://checkout.stripe.com"],
    "frame-ancestors": ["'none'"],
}


def test_the_policy_is_exactly_the_shop_s(client, homes):
    header = client.get("/en/").headers["Content-Security-Policy"]

    assert directives(client.get("/en/")) == POLICY
    assert header == (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'"
    )


def test_shop_pages_carry_the_whole_policy(client, catalog):
    for url in ("/en/", catalog["kettle"]["es"].url, "/ru/korzina/", "/en/search/?q=kettle", "/robots.txt"):
        response = client.get(url)

        assert response.status_code == 200, url
        assert directives(response) == POLICY, url


def test_error_pages_and_redirects_carry_the_whole_policy_too(client, homes):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    responses = {
        "not found": (client.get("/en/no-such-page/"), 404),
        "no order with this token": (client.get("/en/payment/no-such-token/"), 404),
        "a POST without its CSRF token": (csrf_client.post("/en/cart/remove/", {"variant": "1"}), 403),
        "a wrong method": (client.get("/en/cart/add/"), 405),
        "a host we do not serve": (client.get("/en/", HTTP_HOST="evil.example.com"), 400),
        "the language redirect": (client.get("/", HTTP_ACCEPT_LANGUAGE="es"), 302),
        "a redirect after a form": (client.post("/en/coupon/remove/"), 302),
        "a missing slash": (client.get("/en/cart"), 301),
    }

    for case, (response, status) in responses.items():
        assert response.status_code == status, case
        assert directives(response) == POLICY, case


def test_the_wagtail_admin_keeps_its_own_rules(client, admin_client):
    responses = {
        "login page": client.get("/admin/login/"),
        "redirect to the login": client.get("/admin/"),
        "dashboard": admin_client.get("/admin/"),
    }

    assert {case: response.status_code for case, response in responses.items()} == {
        "login page": 200,
        "redirect to the login": 302,
        "dashboard": 200,
    }
    for case, response in responses.items():
        assert "Content-Security-Policy" not in response.headers, case


def test_an_empty_policy_sends_no_header(client, homes, settings):
    settings.CONTENT_SECURITY_POLICY = {}

    assert "Content-Security-Policy" not in client.get("/en/").headers


def shop_templates():
    for path in ROOT.glob("**/templates/**/*.html"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "node_modules"} or "admin" in parts or "emails" in parts:
            continue
        if path.name == "invoice.html":  # rendered by WeasyPrint, not a browser
            continue
        yield path


def test_no_shop_template_has_inline_scripts_or_event_handlers():
    """They would be refused by the policy: behaviour comes from static files (e.g. js/auto_submit.js)."""
    offenders = []
    for path in shop_templates():
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text):
            offenders.append(str(path.relative_to(ROOT)))

    assert list(shop_templates()), "no templates found"
    assert offenders == []
