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


def test_shop_pages_allow_only_their_own_scripts_and_forms_to_the_shop_and_stripe(client, catalog):
    for url in ("/en/", catalog["kettle"]["es"].url, "/ru/korzina/", "/robots.txt"):
        policy = directives(client.get(url))

        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'", "https://checkout.stripe.com"]


def test_the_wagtail_admin_keeps_its_own_rules(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


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
