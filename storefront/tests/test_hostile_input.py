"""Hostile input never becomes a 500: junk in any part of any shop URL gets a 4xx (or a page), never an error.

The sweep walks the URL configuration itself, so a new shop URL is swept without anyone adding it here. It runs
on PostgreSQL, which refuses a NUL in a string ("A string literal cannot contain NUL"); SQLite accepts it, so
only there does a NUL that reaches a query show up as a 500.
"""

import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# NUL (raw, percent-encoded, and "%00" that arrives as text), a very long segment, path climbing, broken UTF-8,
# non-Latin text and emoji, markup and quotes, control characters.
JUNK = [
    "\x00",
    "ab%00cd",
    "%2500",
    "x" * 3000,
    "%2e%2e%2f%2e%2e",
    "%ff%fe",
    "ñandú-Кухня-🛒",
    "<script>'\"",
    "%0d%0a%09",
]
# Fixed text replaced by junk matches no pattern, whatever the junk: a few kinds are enough there.
JUNK_FOR_FIXED_TEXT = ["\x00", "x" * 3000, "ñandú-Кухня-🛒"]

# Sample values for the regular-expression patterns the shop includes (Wagtail's pages and documents). A new
# regex pattern fails the sweep until it has a sample here, so no URL escapes it.
REGEX_SAMPLES = {
    r"^((?:[\w\-]+/)*)$": ["", "kitchen/kettle/"],
    r"^(\d+)/(.*)$": ["1/terms.pdf"],
    # allauth's links in emails: verifying an address, resetting a password
    r"^confirm-email/(?P<key>[-:\w]+)/$": ["confirm-email/MQ:1tX:abc/"],
    r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": ["password/reset/key/1-set-password/"],
}
# Every parameter a shop view reads from the query string or a form.
PARAMETERS = [
    "q", "page", "sort", "in_stock", "category", "session_id", "refresh", "challenge", "action", "next",
    "product", "quantity", "code", "email", "name", "card_number", "expiry", "cvc",
    "login", "password", "password1", "password2", "remember", "address", "language", "first_name", "label",
]  # fmt: skip
# The Wagtail admin has its own permission checks and forms; the sweep is about the shop.
NOT_SHOP = ("admin/",)


@dataclass(frozen=True)
class Sample:
    """A path matching one URL pattern: its segments, whether each is a value (a converter or a regex group)
    rather than fixed text, and whether the path ends with a slash."""

    segments: tuple[tuple[str, bool], ...]
    slash: bool

    def path(self, replace: int | None = None, junk: str = "") -> str:
        parts = [junk if index == replace else text for index, (text, _value) in enumerate(self.segments)]
        return "/" + "/".join(parts) + ("/" if self.slash and parts else "")


def pattern_parts(pattern) -> list[tuple[str, tuple[tuple[str, bool], ...]]]:
    """[(the pattern's text with sample values, its segments)]: one, or several for a regex pattern."""
    if isinstance(pattern, LocalePrefixPattern):
        text = pattern.language_prefix
        return [(text, tuple((part, False) for part in text.split("/") if part))]
    if isinstance(pattern, RegexPattern):
        regex = str(pattern._regex)
        assert regex in REGEX_SAMPLES, f"add a sample path for the URL pattern {regex!r} to REGEX_SAMPLES"
        return [(text, tuple((part, True) for part in text.split("/") if part)) for text in REGEX_SAMPLES[regex]]
    assert isinstance(pattern, RoutePattern), pattern
    segments = []
    for part in str(pattern._route).split("/"):
        if part:
            value = re.sub(r"<(?:(\w+):)?\w+>", lambda match: "1" if match[1] == "int" else "x", part)
            segments.append((value, value != part))
    return [(str(pattern._route), tuple(segments))]


def shop_samples(patterns=None, text="", segments=()):
    """A sample of every leaf URL pattern of the shop, in the active language."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        for entry_text, entry_segments in pattern_parts(entry.pattern):
            if (text + entry_text).startswith(NOT_SHOP):
                continue
            if isinstance(entry, URLResolver):
                yield from shop_samples(entry.url_patterns, text + entry_text, segments + entry_segments)
            else:
                yield Sample(segments + entry_segments, slash=(text + entry_text).endswith("/"))


def samples_in(language):
    with translation.override(language):
        return sorted(set(shop_samples()), key=Sample.path)


def test_the_sweep_reaches_every_part_of_the_shop_in_every_language():
    paths = {sample.path() for language, _name in settings.LANGUAGES for sample in samples_in(language)}

    assert {
        "/en/",
        "/en/kitchen/kettle/",
        "/es/carrito/",
        "/es/carrito/add/",
        "/ru/oformlenie/",
        "/en/checkout/order/x/",
        "/es/payment/x/pay/",
        "/ru/payment/x/test-card/authenticate/",
        "/en/coupon/apply/",
        "/es/buscar/",
        "/ru/poisk/podskazki/",
        "/payment/webhook/",
        "/sitemap.xml",
        "/robots.txt",
        "/health/",
        "/documents/1/terms.pdf",
        "/ru/akkaunt/login/",
        "/es/cuenta/pedidos/x/",
        "/en/account/confirm-email/MQ:1tX:abc/",
    } <= paths
    assert not any(path.startswith("/admin/") for path in paths)


@pytest.fixture
def sweep(client, catalog):
    """Request and collect what answers 5xx (all of them, rather than stopping at the first)."""
    client.raise_request_exception = False
    errors = []

    def request(method, path, data=None):
        response = getattr(client, method)(path, data)
        if response.status_code >= 500:
            errors.append((method.upper(), path[:100], "with junk parameters" if data else "", response.status_code))

    request.errors = errors
    return request


# One test per language and kind of junk, so that no test sweeps for long (and parallel workers share the sweep).
EACH_JUNK = pytest.mark.parametrize("junk", JUNK, ids=[f"junk{index}" for index in range(len(JUNK))])
EACH_LANGUAGE = pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])


@EACH_LANGUAGE
@EACH_JUNK
def test_junk_in_any_path_segment_never_gets_a_server_error(sweep, language, junk):
    for sample in samples_in(language):
        for index, (_text, value) in enumerate(sample.segments):
            if value or junk in JUNK_FOR_FIXED_TEXT:
                sweep("get", sample.path(index, junk))
                if value:  # fixed text replaced by junk matches nothing, whatever the method
                    sweep("post", sample.path(index, junk))

    assert sweep.errors == []


@EACH_LANGUAGE
@EACH_JUNK
def test_junk_in_every_parameter_never_gets_a_server_error(sweep, language, junk):
    parameters = dict.fromkeys(PARAMETERS, junk)
    for sample in samples_in(language):
        sweep("get", sample.path(), parameters)
        sweep("post", sample.path(), parameters)

    assert sweep.errors == []
