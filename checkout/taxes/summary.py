"""An order's money summary, and a checkout quote's, as the rows of `storefront.money_summary`.

Both read frozen money only: an order (`checkout.orders.models.Order`) its fields as placed, a quote the
`OrderMoney` the checkout form computed. So the checkout's summary is the order's before it is placed, and every
page, email and document of the order prints the same rows (`templates/includes/money_summary.*`).
"""

from decimal import Decimal

from storefront.money_summary import SummaryRow, summary_rows


def order_summary(order, *, refunded: Decimal | None = None) -> list[SummaryRow]:
    """The order's rows, in the active language. `refunded` is what to show as given back: the order's refunded
    amount by default; the invoice (the document of the sale) passes 0, a credit note what was refunded up to it."""
    return summary_rows(
        subtotal=order.subtotal,
        discount=order.discount,
        coupon_code=order.coupon_code,
        shipping_name=order.shipping_name,
        shipping_price=order.shipping_price,
        taxes=[(row["rate"], row["tax"]) for row in order.tax_rates],
        prices_include_tax=order.prices_include_tax,
        total=order.total,
        refunded=order.refunded_amount if refunded is None else refunded,
        currency=order.currency,
    )


def quote_summary(quote, *, coupon_code: str, shipping_name: str) -> list[SummaryRow]:
    """The rows of an order not placed yet: `quote` is the `checkout.taxes.calculation.OrderMoney` of the cart to
    the chosen destination by the chosen method (`shipping_name`)."""
    return summary_rows(
        subtotal=quote.subtotal,
        discount=quote.discount,
        coupon_code=coupon_code,
        shipping_name=shipping_name,
        shipping_price=quote.shipping_price,
        taxes=[(row.rate, row.tax) for row in quote.breakdown],
        prices_include_tax=quote.prices_include_tax,
        total=quote.total,
        currency=quote.currency,
    )
