"""The one computation of an order's money, from catalog prices to what Stripe charges. Pure: no database.

Given the lines (unit price, quantity, tax rate) in catalog prices, the coupon's discount, the shipping price and
its rate, and whether catalog prices include tax:

1. The discount is spread over the lines in proportion to their amounts (`storefront.money.spread`: whole
   cents, adding up to the discount exactly), before tax.
2. Each line's tax is computed on its discounted amount and rounded half up to the cent, once per line:
   prices with tax: tax = amount × rate / (100 + rate), net = amount − tax;
   prices without tax: tax = amount × rate / 100, gross = amount + tax.
3. Shipping is taxed the same way, at the destination's rate for the method's tax class.
4. The breakdown per rate and the totals are sums of those line amounts: nothing is rounded twice.

So `total = subtotal − discount + shipping` when prices include tax, and `… + tax` when they do not; and the
gross of the breakdown adds up to `total`. Every amount is in one `currency` (the market's), rounded to its
smallest unit ("cent" above: a kopeck, or a whole yen).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from storefront.money import quantize, spread

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TaxedLine:
    """One line's money: its catalog amount, its share of the discount, and net + tax = gross at `rate` %."""

    amount: Decimal
    discount: Decimal
    rate: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass(frozen=True)
class RateTotal:
    rate: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal

    def as_json(self) -> dict:
        return {"rate": str(self.rate), "net": str(self.net), "tax": str(self.tax), "gross": str(self.gross)}


@dataclass(frozen=True)
class OrderMoney:
    """Everything an order, its page, its invoice and Stripe show; every amount in whole cents and >= 0."""

    prices_include_tax: bool
    lines: list[TaxedLine]
    shipping: TaxedLine
    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal
    breakdown: list[RateTotal]
    currency: str | None = None

    @property
    def shipping_price(self) -> Decimal:
        """Shipping as charged in catalog prices (with tax or without, as the lines)."""
        return self.shipping.amount


def tax_line(
    amount: Decimal, rate: Decimal, prices_include_tax: bool, discount: Decimal = ZERO, currency: str | None = None
) -> TaxedLine:
    """The tax of one line's discounted amount at `rate` %, rounded half up to the cent (the one rounding rule)."""
    rate = Decimal(rate)
    zero = quantize(0, currency)
    taxed = quantize(amount - discount, currency)
    if prices_include_tax:
        tax = quantize(taxed * rate / (100 + rate), currency) or zero  # never "-0.00" (a negative amount at 0 %)
        net, gross = taxed - tax, taxed
    else:
        tax = quantize(taxed * rate / 100, currency) or zero
        net, gross = taxed, taxed + tax
    return TaxedLine(
        amount=quantize(amount, currency),
        discount=quantize(discount, currency),
        rate=rate,
        net=net,
        tax=tax,
        gross=gross,
    )


def compute(
    lines: list[tuple[Decimal, int, Decimal]],
    *,
    discount: Decimal = ZERO,
    shipping_price: Decimal = ZERO,
    shipping_rate: Decimal = Decimal("0"),
    prices_include_tax: bool = True,
    currency: str | None = None,
) -> OrderMoney:
    """The order's money for `lines` of (unit price, quantity, rate %) in catalog prices of `currency` (the store
    currency when None); see the module's rules.

    `discount` (at most the subtotal) comes off the lines only, never off shipping.
    """
    zero = quantize(0, currency)
    amounts = [quantize(price * quantity, currency) for price, quantity, _rate in lines]
    subtotal = sum(amounts, zero)
    discount = min(quantize(discount, currency), subtotal)
    shares = spread(discount, amounts, currency)
    taxed = [
        tax_line(amount, rate, prices_include_tax, share, currency)
        for amount, share, (_price, _quantity, rate) in zip(amounts, shares, lines, strict=True)
    ]
    shipping = tax_line(shipping_price, shipping_rate, prices_include_tax, currency=currency)
    per_rate: dict[Decimal, list[TaxedLine]] = defaultdict(list)
    for line in [*taxed, shipping]:
        if line.gross or line.amount:
            per_rate[line.rate.quantize(Decimal("0.01"))].append(line)
    breakdown = [
        RateTotal(
            rate=rate,
            net=sum((line.net for line in group), zero),
            tax=sum((line.tax for line in group), zero),
            gross=sum((line.gross for line in group), zero),
        )
        for rate, group in sorted(per_rate.items())
    ]
    tax = sum((line.tax for line in breakdown), zero)
    total = sum((line.gross for line in breakdown), zero)
    return OrderMoney(
        prices_include_tax=prices_include_tax,
        lines=taxed,
        shipping=shipping,
        subtotal=subtotal,
        discount=discount,
        tax=tax,
        total=total,
        breakdown=breakdown,
        currency=currency,
    )
