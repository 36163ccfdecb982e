"""The e-invoice: an invoice or credit note as EN 16931 Cross Industry Invoice XML (the Factur-X / ZUGFeRD
EN 16931 profile), built from the numbers frozen on the order and the credit note's own figures, never recomputed.

The seller comes from the shop settings (`seller_party`); what the profile requires and is missing
(`missing_seller_fields`) stops the document with `EInvoiceIncomplete`, so no invalid file is ever issued. VAT
categories: S (standard) for a rate above 0; Z (zero rated) for a 0 % line of an order taxed where it goes; G
(export outside the tax area, exemption reason VATEX-EU-G) for an order that carries no tax at all and leaves the
seller's country, which is how the shop's tax rates model exports (a country without rates charges none).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lxml import etree
from wagtail.models import Site

from checkout.orders.models import Alert, Order
from home.models import ShopSettings

from .credited import credit_note_figures
from .models import CreditNote, Invoice

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
# The profile's identifier (BT-24): Factur-X EN 16931 ("Comfort") is the bare EN 16931 specification.
PROFILE = "urn:cen.eu:en16931:2017"
INVOICE, CREDIT_NOTE = "380", "381"  # UNTDID 1001 document types
CARD = "48"  # UNTDID 4461: bank card
PIECE, ONE = "H87", "C62"  # UN/ECE Rec. 20: a piece (goods), one (shipping, an amount)
EXPORT_REASON_CODE = "VATEX-EU-G"
CENT = Decimal("0.01")


class EInvoiceIncomplete(Exception):
    """The shop settings lack what EN 16931 requires of the seller: the document is not issued (shop managers are
    alerted) rather than issued invalid. `fields` names what is missing, translated."""

    def __init__(self, fields: list[str]):
        self.fields = fields
        super().__init__(", ".join(fields))


@dataclass(frozen=True)
class Seller:
    """The seller as the e-invoice gives it (BG-4)."""

    name: str
    street: str
    postal_code: str
    city: str
    country: str
    vat_id: str
    legal_form: str
    registration: str
    payment_terms: str


def seller_party() -> Seller:
    """The seller from the default site's shop settings; the name falls back to the shop's name, the VAT number
    and the country to the SELLER_TAX_ID and SELLER_COUNTRY settings."""
    site = Site.objects.filter(is_default_site=True).first()
    shop = ShopSettings.for_site(site) if site else None

    def field(name: str) -> str:
        return (getattr(shop, name, "") or "").strip()

    return Seller(
        name=field("seller_legal_name") or field("shop_name") or settings.STORE_NAME,
        street=field("seller_street"),
        postal_code=field("seller_postal_code"),
        city=field("seller_city"),
        country=(field("seller_country") or settings.SELLER_COUNTRY).upper(),
        vat_id=(field("seller_tax_id") or settings.SELLER_TAX_ID).replace(" ", "").upper(),
        legal_form=field("seller_legal_form"),
        registration=field("seller_registration"),
        payment_terms=field("payment_terms"),
    )


def missing_seller_fields(seller: Seller, *, amount_due: Decimal = Decimal("0")) -> list[str]:
    """What the EN 16931 profile requires of this seller and the shop settings lack (translated field names):
    the country of its address (BR-9), a VAT number with its country prefix (BR-S-02, BR-Z-02, BR-G-02: every
    document of the shop has one of those categories; BR-CO-09) and payment terms when something is left to pay
    (BR-CO-25)."""
    missing = []
    if len(seller.country) != 2 or not seller.country.isalpha():
        missing.append(_("seller country"))
    if len(seller.vat_id) < 4 or not seller.vat_id[:2].isalpha():
        missing.append(_("seller tax ID (a VAT number starting with its country code)"))
    if amount_due > 0 and not seller.payment_terms:
        missing.append(_("payment terms"))
    return missing


def status(order: Order) -> dict:
    """The order's e-invoice as the admin's order page tells it: {"state": none | blocked | pending | issued,
    "label", "message"}; blocked while an alert says the shop settings lack what the e-invoice requires."""
    if not order.is_paid:
        return {"state": "none", "label": _("No invoice: the order is not paid."), "message": ""}
    alert = order.alerts.filter(kind=Alert.Kind.EINVOICE_INCOMPLETE, resolved_at__isnull=True).first()
    if alert:
        return {"state": "blocked", "label": _("Not issued: seller data missing"), "message": alert.message}
    invoice = Invoice.objects.filter(order=order).exclude(pdf="").first()
    if invoice is None:
        return {"state": "pending", "label": _("Being prepared"), "message": ""}
    return {
        "state": "issued",
        "label": _("Issued: PDF/A-3 with Factur-X / ZUGFeRD XML (EN 16931)"),
        "message": invoice.display_number,
    }


def is_export(order: Order, seller: Seller) -> bool:
    """The order leaves the seller's country and carries no tax at all: a tax-free export (category G)."""
    return order.country.upper() != seller.country and not order.tax and not any(row["tax"] for row in order.tax_rates)


def category(rate: Decimal, export: bool) -> str:
    if rate > 0:
        return "S"
    return "G" if export else "Z"


# --- Building --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One invoice line (BG-25) as stored: its quantity in `unit` (UN/ECE Rec. 20), its net amount at `rate` %."""

    title: str
    sku: str
    quantity: int
    unit: str
    net: Decimal
    rate: Decimal


def _el(parent, tag: str, text=None, **attributes):
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NSMAP[prefix]}}}{name}", {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def _amount(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


def _date(parent, tag: str, moment, *, qualified: bool = False) -> None:
    holder = _el(parent, tag)
    _el(
        holder,
        "qdt:DateTimeString" if qualified else "udt:DateTimeString",
        f"{timezone.localtime(moment):%Y%m%d}",
        format="102",
    )


def _address(party, *, street: str, postal_code: str, city: str, country: str) -> None:
    address = _el(party, "ram:PostalTradeAddress")
    if postal_code:
        _el(address, "ram:PostcodeCode", postal_code)
    if street:
        _el(address, "ram:LineOne", street)
    if city:
        _el(address, "ram:CityName", city)
    _el(address, "ram:CountryID", country.upper())


def _is_vat_number(value: str) -> bool:
    return len(value) >= 4 and value[:2].isalpha() and value.isalnum()


def _seller(agreement, seller: Seller) -> None:
    party = _el(agreement, "ram:SellerTradeParty")
    _el(party, "ram:Name", seller.name)
    if seller.legal_form:
        _el(party, "ram:Description", seller.legal_form)  # BT-33, the seller's additional legal information
    if seller.registration:
        _el(_el(party, "ram:SpecifiedLegalOrganization"), "ram:ID", seller.registration)  # BT-30
    _address(party, street=seller.street, postal_code=seller.postal_code, city=seller.city, country=seller.country)
    _el(_el(party, "ram:SpecifiedTaxRegistration"), "ram:ID", seller.vat_id, schemeID="VA")


def _buyer(agreement, order: Order) -> None:
    party = _el(agreement, "ram:BuyerTradeParty")
    _el(party, "ram:Name", order.customer_name or order.email)
    tax_id = order.tax_id.replace(" ", "").upper()
    if tax_id and not _is_vat_number(tax_id):
        _el(_el(party, "ram:SpecifiedLegalOrganization"), "ram:ID", order.tax_id)  # BT-47: a tax number, not VAT
    _address(party, street=order.address, postal_code=order.postal_code, city=order.city, country=order.country)
    if tax_id and _is_vat_number(tax_id):
        _el(_el(party, "ram:SpecifiedTaxRegistration"), "ram:ID", tax_id, schemeID="VA")  # BT-48


def _line_item(transaction, number: int, line: Line, export: bool) -> None:
    item = _el(transaction, "ram:IncludedSupplyChainTradeLineItem")
    _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", number)
    product = _el(item, "ram:SpecifiedTradeProduct")
    if line.sku:
        _el(product, "ram:SellerAssignedID", line.sku)
    _el(product, "ram:Name", line.title)
    price = _el(_el(item, "ram:SpecifiedLineTradeAgreement"), "ram:NetPriceProductTradePrice")
    # The net price per unit is the line's frozen net over its quantity (BT-146 may have more than two decimals).
    unit_net = line.net / line.quantity
    exact = unit_net == unit_net.quantize(CENT)
    _el(price, "ram:ChargeAmount", _amount(unit_net) if exact else unit_net.quantize(Decimal("0.0001")))
    _el(_el(item, "ram:SpecifiedLineTradeDelivery"), "ram:BilledQuantity", line.quantity, unitCode=line.unit)
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:TypeCode", "VAT")
    _el(tax, "ram:CategoryCode", category(line.rate, export))
    _el(tax, "ram:RateApplicablePercent", _amount(line.rate))
    summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(line.net))


def _breakdown(settlement, rows: list[dict], lines: list[Line], export: bool) -> None:
    """One VAT breakdown (BG-23) per rate, with the stored net and tax of that rate; a rate that only a zero line
    has (free shipping at its own rate) gets a zero row, as every line's category and rate must have one."""
    by_rate = {Decimal(row["rate"]).quantize(CENT): row for row in rows}
    for line in lines:
        by_rate.setdefault(line.rate.quantize(CENT), {"rate": line.rate, "net": Decimal("0"), "tax": Decimal("0")})
    for rate, row in sorted(by_rate.items()):
        code = category(rate, export)
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", _amount(row["tax"]))
        _el(tax, "ram:TypeCode", "VAT")
        if code == "G":
            _el(tax, "ram:ExemptionReason", _("Export outside the tax area: VAT not charged"))
        _el(tax, "ram:BasisAmount", _amount(row["net"]))
        _el(tax, "ram:CategoryCode", code)
        if code == "G":
            _el(tax, "ram:ExemptionReasonCode", EXPORT_REASON_CODE)
        _el(tax, "ram:RateApplicablePercent", _amount(rate))


def _payment_means(settlement, order: Order) -> None:
    # The order's payments are a higher layer's rows: read through the relation, never imported.
    provider = order.payments.order_by("-pk").values_list("provider", flat=True).first() or "stripe"
    means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    _el(means, "ram:TypeCode", CARD)
    _el(means, "ram:Information", _("Card payment (%(provider)s)") % {"provider": provider.replace("_", " ").title()})


def build(
    *,
    type_code: str,
    number: str,
    issued_at,
    order: Order,
    seller: Seller,
    lines: list[Line],
    breakdown: list[dict],
    tax_total: Decimal,
    grand_total: Decimal,
    paid: Decimal,
    invoice: Invoice | None = None,
) -> bytes:
    """The CII XML of one document. Totals are sums of the given lines and rows; a document whose stored numbers
    do not add up (BR-CO-10 to BR-CO-16) raises ValueError rather than becoming an invalid file."""
    export = is_export(order, seller)
    line_total = sum((line.net for line in lines), Decimal("0"))
    if line_total + tax_total != grand_total or sum((row["tax"] for row in breakdown), Decimal("0")) != tax_total:
        raise ValueError(f"{number}: lines {line_total} + tax {tax_total} do not make {grand_total}")
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = _el(root, "rsm:ExchangedDocumentContext")
    _el(_el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", PROFILE)
    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", number)
    _el(document, "ram:TypeCode", type_code)
    _date(document, "ram:IssueDateTime", issued_at)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for position, line in enumerate(lines, start=1):
        _line_item(transaction, position, line, export)
    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    _seller(agreement, seller)
    _buyer(agreement, order)
    _el(_el(agreement, "ram:SellerOrderReferencedDocument"), "ram:IssuerAssignedID", order.number)  # BT-14
    _el(transaction, "ram:ApplicableHeaderTradeDelivery")

    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:InvoiceCurrencyCode", order.currency.upper())
    _payment_means(settlement, order)
    _breakdown(settlement, breakdown, lines, export)
    if seller.payment_terms:
        _el(_el(settlement, "ram:SpecifiedTradePaymentTerms"), "ram:Description", seller.payment_terms)
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(line_total))
    _el(summation, "ram:TaxBasisTotalAmount", _amount(line_total))
    _el(summation, "ram:TaxTotalAmount", _amount(tax_total), currencyID=order.currency.upper())
    _el(summation, "ram:GrandTotalAmount", _amount(grand_total))
    _el(summation, "ram:TotalPrepaidAmount", _amount(paid))
    _el(summation, "ram:DuePayableAmount", _amount(grand_total - paid))
    if invoice is not None:  # BT-25/26: the invoice a credit note corrects
        referenced = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(referenced, "ram:IssuerAssignedID", invoice.display_number)
        _date(referenced, "ram:FormattedIssueDateTime", invoice.issued_at, qualified=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _checked_seller(amount_due: Decimal = Decimal("0")) -> Seller:
    seller = seller_party()
    with translation.override(settings.LANGUAGE_CODE):  # told to the shop managers, whoever asked for the document
        missing = missing_seller_fields(seller, amount_due=amount_due)
    if missing:
        raise EInvoiceIncomplete(missing)
    return seller


def invoice_xml(invoice: Invoice) -> bytes:
    """The invoice (380) as EN 16931 CII XML: its lines and shipping as a line, the order's breakdown per rate and
    totals as frozen when the order was placed; paid in full by card, nothing due."""
    order = invoice.order
    seller = _checked_seller()
    lines = [Line(line.title, line.sku, line.quantity, PIECE, line.net, line.tax_rate) for line in order.lines.all()]
    with translation.override(order.language):
        if order.shipping_name:
            title = _("Shipping: %(name)s") % {"name": order.shipping_name}
            lines.append(Line(title, "", 1, ONE, order.shipping_net, order.shipping_tax_rate))
        return build(
            type_code=INVOICE,
            number=invoice.display_number,
            issued_at=invoice.issued_at,
            order=order,
            seller=seller,
            lines=lines,
            breakdown=order.tax_rates,
            tax_total=order.tax,
            grand_total=order.total,
            paid=order.total,
        )


def credit_note_xml(credit_note: CreditNote) -> bytes:
    """The credit note (381) as EN 16931 CII XML, referring to its invoice: the refunded lines or amount as the
    PDF shows them (`credited.credit_note_figures`), given back to the card, nothing due."""
    order = credit_note.refund.order
    seller = _checked_seller()
    with translation.override(order.language):
        figures, breakdown = credit_note_figures(credit_note)
        lines = [
            Line(line.title, line.sku, line.quantity, PIECE if line.sku else ONE, line.taxed.net, line.taxed.rate)
            for line in figures
        ]
        return build(
            type_code=CREDIT_NOTE,
            number=credit_note.display_number,
            issued_at=credit_note.issued_at,
            order=order,
            seller=seller,
            lines=lines,
            breakdown=breakdown,
            tax_total=sum((row["tax"] for row in breakdown), Decimal("0")),
            grand_total=credit_note.refund.amount,
            paid=credit_note.refund.amount,
            invoice=credit_note.invoice,
        )
