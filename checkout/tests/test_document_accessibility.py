"""Documents a shopper's assistive technology can read: HTML emails say their language and direction, carry a
plain-text part and semantic tables; invoices and credit notes are tagged PDFs (PDF/UA-1) in the order's language,
and PDF/A-3b as their e-invoice requires.
"""

import re
import subprocess
import zlib

import pytest
from bs4 import BeautifulSoup

from checkout.invoices.credit_notes import generate_credit_note
from checkout.invoices.documents import generate_invoice
from checkout.orders.emails import confirmation_email

from .test_credit_notes import paid_order, refund_kettle
from .test_credit_notes import pdf_of as credit_note_pdf
from .test_invoice import pdf_of as invoice_pdf

pytestmark = pytest.mark.django_db


def pdf_objects(data: bytes) -> bytes:
    """Every object of the PDF as text: WeasyPrint packs the catalog into compressed object streams."""
    parts = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # not a Flate stream (an image, a font program): holds no object of the catalog
    return b"\n".join(parts)


def pdfinfo(data: bytes, *options: str) -> str:
    result = subprocess.run(["pdfinfo", *options, "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


@pytest.mark.parametrize("language", ["es", "ru"])
def test_the_html_email_has_the_orders_language_a_text_part_and_tables_with_headers(language):
    order = paid_order(language)

    message = confirmation_email(order)

    (html, content_type) = message.alternatives[0]
    soup = BeautifulSoup(html, "html.parser")
    assert content_type == "text/html" and message.content_subtype == "plain" and order.number in message.body
    assert (soup.html["lang"], soup.html["dir"]) == (language, "ltr")
    assert soup.title.get_text().strip() == message.subject
    (table,) = soup.select("table")
    assert order.number in table.caption.get_text()
    assert [th["scope"] for th in table.select("thead th")] == ["col", "col", "col"]
    # Every line and every money row is named by a row header
    assert all(row.select_one("th[scope=row]") for row in table.select("tbody tr, tfoot tr"))


@pytest.mark.parametrize("language", ["es", "ru"])
def test_invoices_and_credit_notes_are_tagged_pdfs_in_the_orders_language(language):
    order = paid_order(language)
    credit_note = generate_credit_note(refund_kettle(order))
    invoice = generate_invoice(order)

    for data in (invoice_pdf(invoice), credit_note_pdf(credit_note)):
        objects = pdf_objects(data)
        # The catalog: marked content, a structure tree, the document's language; PDF/UA-1's and PDF/A-3's metadata
        assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objects)
        assert b"/StructTreeRoot" in objects
        assert re.search(rb"/Lang\s*\(" + language.encode() + rb"\)", objects)
        assert b'pdfuaid:part="1"' in objects and b'pdfaid:part="3"' in objects
        info = pdfinfo(data)
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
        # Headings and tables with header cells, in reading order
        structure = pdfinfo(data, "-struct")
        assert "H1" in structure
        assert re.search(r"Table.*?TH.*?TD", structure, re.DOTALL)
