"""What a credit note gives back, line by line and per rate: the one computation that its PDF
(`checkout.invoices.credit_notes`) and its e-invoice (`checkout.invoices.einvoice`) both show."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from checkout.taxes.calculation import TaxedLine, tax_line
from storefront.money import spread

from .models import CreditNote


@dataclass(frozen=True)
class CreditedLine:
    """One line of a credit note: what was given back, its units and unit price, and its net + tax = gross."""

    title: str
    sku: str
    quantity: int
    unit_price: Decimal
    taxed: TaxedLine


def credit_note_figures(credit_note: CreditNote) -> tuple[list[CreditedLine], list[dict]]:
    """The credit note's lines and its breakdown per rate ({rate, net, tax, gross}, Decimals): the one computation
    that the PDF (`credit_note_context`) and the e-invoice (`checkout.invoices.einvoice`) both show.

    The refunded lines with their units; what the lines do not account for (an external refund has no lines, a
    last refund takes what is left of the order, shipping included) is a line of its own, split over the order's
    tax rates in proportion to their amounts, so the amounts always add up to the total refunded. The tax given
    back is the tax the refunded amount holds at its rate, rounded half up to the cent
    (`checkout.taxes.calculation.tax_line`).
    """
    refund = credit_note.refund
    order = refund.order
    refund_lines = list(refund.lines.select_related("order_line"))
    lines = [
        CreditedLine(
            line.order_line.title,
            line.order_line.sku,
            line.quantity,
            line.order_line.unit_price,
            tax_line(line.amount, line.order_line.tax_rate, True),
        )
        for line in refund_lines
    ]
    other = refund.amount - sum((line.amount for line in refund_lines), Decimal("0"))
    if other:
        rows = order.tax_rates or [{"rate": Decimal("0"), "gross": Decimal("1")}]
        shares = spread(other, [row["gross"] for row in rows], order.currency)
        for row, share in zip(rows, shares, strict=True):
            if share:
                title = _("Other amount refunded") if refund_lines else _("Amount refunded")
                lines.append(CreditedLine(title, "", 1, share, tax_line(share, row["rate"], True)))
    per_rate: dict = {}
    for line in lines:
        net, tax, gross = per_rate.get(line.taxed.rate, (Decimal("0"), Decimal("0"), Decimal("0")))
        per_rate[line.taxed.rate] = (net + line.taxed.net, tax + line.taxed.tax, gross + line.taxed.gross)
    breakdown = [
        {"rate": rate, "net": net, "tax": tax, "gross": gross} for rate, (net, tax, gross) in sorted(per_rate.items())
    ]
    return lines, breakdown
