"""Reading a money summary back from what a page, an email or a document printed (for the tests)."""

from bs4 import BeautifulSoup


def money_rows(html: str, scope: str = "") -> list[tuple[str, str, str]]:
    """(kind, label, amount) of every summary row in `html` (inside the first `scope` selector, if given), as
    printed: `templates/includes/money_summary.html` marks each row with `data-money-row`."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.select_one(scope) if scope else soup
    return [(row["data-money-row"], _text(row.th), _text(row.td)) for row in root.select("tr[data-money-row]")]


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())
