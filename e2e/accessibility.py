"""The browser journeys' accessibility check: axe-core, run from axe-playwright-python's own copy (nothing is
fetched from the internet), finds no WCAG 2.x A/AA violation on the page as it is now."""

from axe_playwright_python.sync_playwright import Axe

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()
