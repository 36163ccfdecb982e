"""Taxes: the rate of each country for each tax class, and the one computation of an order's money.

- `models`       `TaxRate`: a country's percentage for a tax class (standard, reduced, zero:
                 `products.models.TaxClass`).
- `calculation`  pure functions, no database: the coupon discount spread over the lines, tax per line with one
                 rounding rule, shipping and its tax, the breakdown per rate, the totals. Orders, the checkout
                 page, Stripe's amounts and the invoices all read what it returns.
- `rates`        the rates of a destination country, read from the database.
- `summary`      an order's or a checkout quote's money as the rows every page, email and document prints
                 (`storefront.money_summary`).

Their screen in the Wagtail admin's "Shop" menu is `checkout.backoffice.taxes`.

Rounding rule: every amount is rounded half up to the currency's smallest unit (`storefront.money.quantize`), once
per line: the discount share of a line, then the line's tax. Totals and the breakdown per rate are sums of those
rounded line amounts, never re-rounded, so they add up to the cent.
"""
