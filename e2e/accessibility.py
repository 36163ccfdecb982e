"""The browser journeys' accessibility check: axe-core, run from the copy pinned with axe-playwright-python (its
`axe.min.js`, axe-core 4.12; nothing is fetched from the internet), finds no violation of impact serious or
critical of the WCAG 2.0, 2.1 and 2.2 A/AA rules (target size included) on the page as it is now.

A violation fails the journey with the rule, its help text, the page and each offending element's selector and
HTML, so the message alone says what to fix.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WCAG_A_AA = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
FAILING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def violations(page) -> list[str]:
    """One line per element that breaks a rule with a failing impact: "rule (impact): help — selector: html"."""
    results = _axe.run(page, options=WCAG_A_AA)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} — {target}: {node['html'][:200]}"
            )
    return found


def assert_accessible(page, where: str = ""):
    """Fail, naming each rule and element, if axe finds a serious or critical WCAG A/AA violation on `page`."""
    found = violations(page)
    assert not found, f"axe on {where or page.url}:\n" + "\n".join(found)
