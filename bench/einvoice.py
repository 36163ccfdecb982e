"""What the e-invoice costs: an invoice as Factur-X (PDF/A-3b with its EN 16931 XML) against today's PDF alone.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/storefront .venv/bin/python -m bench.einvoice
        [--repeat 40] [--output bench/results/einvoice.md]

It works in a test database of its own (created, migrated and dropped again), with one paid order of ten lines at
two tax rates, a coupon and shipping, and its invoice. Each scenario is timed in alternating blocks in the same run:

- the baseline, "today's PDF alone": the invoice's HTML rendered and written by WeasyPrint as the shop did before
  e-invoices (PDF/UA-1, a fresh URL fetcher and font configuration per document);
- the invoice as now issued (`render_invoice_pdf`): the XML built and checked against the XSD, the PDF/A-3b
  rendered with the process's shared font configuration, the XML embedded with its XMP metadata;
- its parts: building and checking the XML; the same PDF/A-3b without the XML (shared fonts).

Results are medians (and 95th percentiles) in milliseconds and as ratios to the baseline's median, so they compare
across machines. The claim to check (issue #29): the issued invoice within 1.5× the baseline.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.test")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import translation  # noqa: E402

from checkout.invoices import hybrid  # noqa: E402
from checkout.invoices.documents import (  # noqa: E402
    INVOICE_BASE_URL,
    _font_config,
    _url_fetcher,
    assign_invoice,
    invoice_context,
    render_invoice_pdf,
)
from checkout.invoices.einvoice import invoice_xml  # noqa: E402
from checkout.models import Order, OrderLine  # noqa: E402
from checkout.taxes.calculation import compute  # noqa: E402
from products.models import Product  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "einvoice.md"
BLOCK = 5
WARM_UP = 3
BASELINE = "today's PDF alone (PDF/UA-1, baseline)"
TARGET = 1.5


def make_order() -> Order:
    """A paid order of ten lines at 21 % and 10 %, 5.00 off and 4.95 shipping, frozen as `place_order` does."""
    from django.utils import timezone

    items = [(Decimal(f"{9 + index}.95"), 1 + index % 3, Decimal("21" if index % 2 else "10")) for index in range(10)]
    money = compute(items, discount=Decimal("5.00"), shipping_price=Decimal("4.95"), shipping_rate=Decimal("21"))
    order = Order.objects.create(
        number="BENCH-1",
        status=Order.Status.PAID,
        language="es",
        currency="eur",
        first_name="Ana",
        last_name="Pérez",
        email="ana@example.com",
        address="Calle Mayor 1",
        postal_code="28001",
        city="Madrid",
        country="ES",
        tax_id="ESB87654321",
        subtotal=money.subtotal,
        discount=money.discount,
        total=money.total,
        tax=money.tax,
        tax_breakdown=[row.as_json() for row in money.breakdown],
        coupon_code="SPRING",
        shipping_name="Courier",
        shipping_price=money.shipping.amount,
        shipping_tax_rate=money.shipping.rate,
        shipping_tax=money.shipping.tax,
        reserved_until=timezone.now(),
        paid_at=timezone.now(),
    )
    product = Product.objects.first()
    for index, ((price, quantity, _rate), taxed) in enumerate(zip(items, money.lines, strict=True)):
        OrderLine.objects.create(
            order=order,
            product=product,
            sku=f"BENCH-{index}",
            title=f"Producto de prueba {index}",
            unit_price=price,
            quantity=quantity,
            discount=taxed.discount,
            tax_rate=taxed.rate,
            net=taxed.net,
            tax=taxed.tax,
            gross=taxed.gross,
        )
    return order


def todays_pdf(invoice) -> bytes:
    """The invoice PDF as the shop wrote it before e-invoices (`render_pdf` of that day)."""
    from weasyprint import HTML

    with translation.override(invoice.order.language):
        html = render_to_string("checkout/payment/invoice.html", invoice_context(invoice))
    return HTML(string=html, base_url=INVOICE_BASE_URL, url_fetcher=_url_fetcher()).write_pdf(pdf_variant="pdf/ua-1")


def pdf_a_alone(invoice) -> bytes:
    from weasyprint import HTML

    with translation.override(invoice.order.language):
        html = render_to_string("checkout/payment/invoice.html", invoice_context(invoice))
    document = HTML(string=html, base_url=INVOICE_BASE_URL, url_fetcher=_url_fetcher())
    return hybrid.write_pdf(document, None, font_config=_font_config())


def measure(scenarios: dict, repeat: int) -> dict[str, list[float]]:
    times = {name: [] for name in scenarios}
    for function in scenarios.values():
        for _ in range(WARM_UP):
            function()
    while min(len(values) for values in times.values()) < repeat:
        for name, function in scenarios.items():
            for _ in range(BLOCK):
                start = time.perf_counter()
                function()
                times[name].append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def report(times: dict[str, list[float]], sizes: dict[str, int]) -> str:
    base = statistics.median(times[BASELINE])
    rows = [
        f"| {name} | {statistics.median(values):.1f} | {p95(values):.1f} | "
        f"{statistics.median(values) / base:.2f} | {sizes.get(name, '—')} |"
        for name, values in times.items()
    ]
    issued = statistics.median(times["invoice as issued: XML + PDF/A-3b + embedding"]) / base
    return "\n".join(
        [
            "# E-invoice benchmark",
            "",
            f"Generated by `.venv/bin/python -m bench.einvoice` (Python {platform.python_version()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs, shared with other work). One invoice of ten lines at two "
            "rates, a coupon and shipping, in Spanish; each scenario timed "
            f"{len(times[BASELINE])} times in alternating blocks of {BLOCK} after a warm-up; **ratio** = median / "
            "median of today's PDF alone in the same run.",
            "",
            "| scenario | median ms | p95 ms | ratio to today's PDF | bytes |",
            "|---|---:|---:|---:|---:|",
            *rows,
            "",
            f"The invoice as issued takes **{issued:.2f}×** today's PDF alone "
            f"({'within' if issued <= TARGET else 'over'} the {TARGET}× the issue allows).",
            "",
        ]
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per scenario (default 40)")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    args = parser.parse_args(argv)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from products.tests.factories import ProductFactory

        ProductFactory(sku="BENCH", price="9.95")
        invoice = assign_invoice(make_order())
        plain = todays_pdf(invoice)
        scenarios = {
            BASELINE: lambda: todays_pdf(invoice),
            "invoice as issued: XML + PDF/A-3b + embedding": lambda: render_invoice_pdf(invoice),
            "its XML alone: built and checked against the XSD": lambda: hybrid.check_xsd(invoice_xml(invoice)),
            "the PDF/A-3b alone, without the XML": lambda: pdf_a_alone(invoice),
        }
        sizes = {
            BASELINE: len(plain),
            "invoice as issued: XML + PDF/A-3b + embedding": len(render_invoice_pdf(invoice)),
            "its XML alone: built and checked against the XSD": len(invoice_xml(invoice)),
        }
        text = report(measure(scenarios, args.repeat), sizes)
    finally:
        teardown_databases(old_config, verbosity=0)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
