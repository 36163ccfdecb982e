"""The one money summary of an order or a cart: the rows every page, email and document prints under its lines.

The rows, always in this order: subtotal, discount (when there is one), shipping (its method, or what the cart
can tell before a destination is chosen), tax (one row per rate, included in the prices or added to them), total,
and refunded (when money was given back). Each caller builds them from its own frozen money (an order's fields,
a quote of `checkout.taxes.calculation`, a cart and its estimate) and renders them with
`templates/includes/money_summary.html` (table rows) or `.txt` (plain text), so no page words or orders its
money differently. Labels are translated and amounts formatted (`storefront.money`) in the active language:
build the summary inside the reader's translation.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import pgettext

from .money import format_money, format_rate

ZERO = Decimal("0.00")
# The kinds of rows, in the one order they are printed.
KINDS = ("subtotal", "discount", "shipping", "tax", "total", "refunded")


@dataclass(frozen=True)
class SummaryRow:
    """One row: its kind (one of `KINDS`), its label and its amount as printed; `amount` is the number behind it,
    None where the row states something else than an amount ("from 4.95", "included")."""

    kind: str
    label: str
    shown: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class ShippingEstimate:
    """What a cart can say about shipping before a destination is chosen: the cheapest price anywhere the shop
    ships (None: no method takes its weight, 0: free)."""

    cheapest: Decimal | None


def summary_rows(
    *,
    subtotal: Decimal,
    total: Decimal,
    prices_include_tax: bool,
    discount: Decimal = ZERO,
    coupon_code: str = "",
    shipping_name: str = "",
    shipping_price: Decimal = ZERO,
    shipping_estimate: ShippingEstimate | None = None,
    taxes: Iterable[tuple[Decimal, Decimal]] | None = (),
    refunded: Decimal = ZERO,
    currency: str | None = None,
    formatter=None,
) -> list[SummaryRow]:
    """The rows of an order's money, or of a cart's when `shipping_estimate` is given and `taxes` is None (not
    known before a destination): `taxes` are (rate %, tax) pairs; rows of no tax are left out.

    A cart's total is what it costs so far, labelled as such unless shipping is free and prices include tax.
    `formatter` (amount → text) formats the amounts instead of `format_money(amount, currency)`: a market's own
    way (whole roubles) from a higher layer.
    """

    def money(amount):
        return formatter(amount) if formatter is not None else format_money(amount, currency)

    rows = [SummaryRow("subtotal", pgettext("money summary", "Subtotal"), money(subtotal), subtotal)]
    if discount:
        label = (
            pgettext("money summary", "Discount (%(code)s)") % {"code": coupon_code}
            if coupon_code
            else pgettext("money summary", "Discount")
        )
        rows.append(SummaryRow("discount", label, f"−{money(discount)}", discount))
    rows.append(_shipping_row(shipping_name, shipping_price, shipping_estimate, money))
    if taxes is None:
        shown = pgettext("money summary", "included") if prices_include_tax else pgettext("money summary", "added")
        rows.append(SummaryRow("tax", pgettext("money summary", "Tax"), shown))
    else:
        for rate, tax in taxes:
            if tax:
                label = (
                    pgettext("money summary", "Including tax %(rate)s")
                    if prices_include_tax
                    else pgettext("money summary", "Tax %(rate)s")
                )
                rows.append(SummaryRow("tax", label % {"rate": format_rate(rate)}, money(tax), tax))
    rows.append(SummaryRow("total", _total_label(shipping_estimate, taxes, prices_include_tax), money(total), total))
    if refunded:
        rows.append(SummaryRow("refunded", pgettext("money summary", "Refunded"), f"−{money(refunded)}", refunded))
    return rows


def _shipping_row(name: str, price: Decimal, estimate: ShippingEstimate | None, money) -> SummaryRow:
    free = pgettext("money summary", "free")
    if estimate is None:
        label = pgettext("money summary", "Shipping: %(name)s") % {"name": name} if name else _shipping()
        return SummaryRow("shipping", label, money(price) if price else free, price)
    if estimate.cheapest is None:
        return SummaryRow("shipping", _shipping(), pgettext("money summary", "not available for this weight"))
    if not estimate.cheapest:
        return SummaryRow("shipping", _shipping(), free, estimate.cheapest)
    shown = pgettext("money summary", "from %(price)s, by destination") % {"price": money(estimate.cheapest)}
    return SummaryRow("shipping", _shipping(), shown)


def _shipping() -> str:
    return pgettext("money summary", "Shipping")


def _total_label(estimate: ShippingEstimate | None, taxes, prices_include_tax: bool) -> str:
    shipping_known = estimate is None or estimate.cheapest == 0
    tax_known = taxes is not None or prices_include_tax
    if shipping_known and tax_known:
        return pgettext("money summary", "Total")
    if tax_known:
        return pgettext("money summary", "Total before shipping")
    if shipping_known:
        return pgettext("money summary", "Total before tax")
    return pgettext("money summary", "Total before shipping and tax")
