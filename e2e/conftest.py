"""Browser journeys: Playwright drives Debian's chromium against pytest-django's live server.

Every journey runs in a fresh browser context (its own cookies) on a session-wide browser, against a
transactional test database whose migration-made content (the home page, the default Site) is restored
after each test. A failing journey leaves a full-page screenshot in e2e/artifacts/.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from checkout.tests.payment_fixtures import fake_stripe  # noqa: F401 (a fixture of the coupon journey)
from home.groups import ensure_groups

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls under a running loop
# unless told that this is a test process where that is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# The Site's hostname is "localhost" and it is the default site, so any host reaches it; an IP address
# keeps the browser off IPv6 lookups.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright downloads no browser of its own here
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000

_reports = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item so fixtures can tell, at teardown, that the test failed."""
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test under e2e/ is a browser journey, marked so `-m e2e` selects it and other runs skip it."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One headless chromium for the whole run (starting Playwright and chromium costs about two seconds).

    Once Playwright runs, asgiref sees an event loop in this thread and Django hands out new database
    connection wrappers. So the test database is created before it starts, the serialized copy of the
    migration data is carried over to the new wrappers, and the live server (see below) starts after it.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM}: run bin/system-deps --tests (the journeys must not pass unrun)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    connections.close_all()
    playwright.stop()


@pytest.fixture(scope="session")
def live_server(browser, live_server):
    """pytest-django's live server, started after the browser so that it shares the tests' connection."""
    return live_server


@pytest.fixture
def _e2e_database(transactional_db, django_db_serialized_rollback):
    """The live server only sees committed rows, and flushing after each test must not lose migration data."""


@pytest.fixture
def browser_page(request, browser, live_server, _e2e_database, settings):
    """A desktop-sized page in a fresh context speaking English, with `live_server.url` as its base URL, served
    as in production: catalog pages from the full-page cache once a first visitor has seen them."""
    settings.PAGE_CACHE_ENABLED = True
    context = browser.new_context(viewport=DESKTOP, locale="en-US", base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    # Chromium reports what the Content-Security-Policy refused on the console ("Refused to execute ...").
    refused = []
    context.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    page = context.new_page()
    yield page
    reports = request.node.stash.get(_reports, {})
    if any(report.failed for report in reports.values()):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    if refused:
        pytest.fail("The Content-Security-Policy refused something the page needs:\n" + "\n".join(refused))


SHOP_MANAGER_PASSWORD = "pw-manager-1"


def sign_in_as_shop_manager(page, username="marta", password=SHOP_MANAGER_PASSWORD):
    """Make `username` a member of the Shop managers group and sign her in to the admin on `page`."""
    ensure_groups()
    manager = get_user_model().objects.create_user(username, f"{username}@example.com", password)
    manager.groups.add(Group.objects.get(name=settings.SHOP_MANAGERS_GROUP))
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    return manager


def sign_in(page, username, password):
    """Sign `username` in to the admin on `page`."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def translate_segment(page, source_text, translated):
    """Open a string segment of wagtail-localize's editor, type its translation and wait for the server to store it."""
    from playwright.sync_api import expect

    segment = page.locator("li").filter(has=page.get_by_text(source_text, exact=True)).last
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(translated)
    with page.expect_response(lambda r: "/strings/" in r.url and r.request.method == "PUT" and r.ok):
        segment.get_by_role("button", name="Save").click()
    expect(segment.get_by_text(translated, exact=True)).to_be_visible()
