"""Cells of the spreadsheets the shop hands out (CSV exports of orders and products).

People type names, addresses and SKUs, so no cell may become a formula when someone opens the file: in CSV a
cell starting with = + - @ tab or carriage return gets a leading apostrophe (OWASP's advice). XLSX files
store text cells as text, so they are never evaluated.
"""

import datetime

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    """The cell as CSV text that no spreadsheet reads as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        text = value.isoformat(sep=" ", timespec="seconds")
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def unescaped(text: str) -> str:
    """A cell read back from a file `safe_text` wrote: the apostrophe it added removed."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS) else text
