"""A cart's money summary, as the rows of `storefront.money_summary`: the products, the coupon's discount, and what
can be said of shipping and tax before a destination is chosen (the estimate `settings.CART_ESTIMATE` gives)."""

from markets.formatting import format_money
from storefront.money_summary import ShippingEstimate, SummaryRow, summary_rows


def cart_summary(cart, *, discount, coupon_code: str, estimate) -> list[SummaryRow]:
    """The cart's rows, in the active language. `estimate` has the cheapest shipping anywhere (None: no method
    takes the cart's weight, 0: free) and whether prices include tax; shipping counts in the total only when free."""
    return summary_rows(
        subtotal=cart.subtotal,
        discount=discount,
        coupon_code=coupon_code,
        shipping_estimate=ShippingEstimate(estimate.cheapest),
        taxes=None,
        prices_include_tax=estimate.prices_include_tax,
        total=cart.subtotal - discount,
        currency=cart.currency,
        formatter=lambda amount: format_money(amount, cart.currency, whole_units=cart.whole_units),
    )
