"""`checkout.taxes.calculation`: the discount spread before tax, the tax of each line rounded half up to the cent,
shipping taxed at its own class, the breakdown per rate, in both price modes. Pure: no database."""

from decimal import Decimal as D

import pytest

from checkout.taxes.calculation import compute, tax_line
from storefront.money import spread


def test_prices_with_tax_hold_the_tax_they_include():
    money = compute([(D("24.50"), 2, D("21"))], prices_include_tax=True)

    line = money.lines[0]
    # 49.00 × 21 / 121 = 8.5041… → 8.50
    assert (line.net, line.tax, line.gross) == (D("40.50"), D("8.50"), D("49.00"))
    assert (money.subtotal, money.tax, money.total) == (D("49.00"), D("8.50"), D("49.00"))


def test_prices_without_tax_get_it_added():
    money = compute([(D("24.50"), 2, D("21"))], prices_include_tax=False)

    # 49.00 × 21 % = 10.29
    assert (money.lines[0].net, money.lines[0].tax, money.lines[0].gross) == (D("49.00"), D("10.29"), D("59.29"))
    assert (money.subtotal, money.tax, money.total) == (D("49.00"), D("10.29"), D("59.29"))


@pytest.mark.parametrize(
    ("amount", "rate", "tax"),
    [
        (D("0.05"), D("10"), D("0.00")),  # 0.00454… → 0.00
        (D("0.11"), D("10"), D("0.01")),  # 0.01 exactly → 0.01
        (D("1.05"), D("5"), D("0.05")),  # 0.05 exactly (half up never needed)
        (D("2.10"), D("5"), D("0.10")),
        (D("0.21"), D("5"), D("0.01")),  # 0.01 → 0.01
        (D("0.63"), D("5"), D("0.03")),  # 0.03
        (D("10.50"), D("5.5"), D("0.55")),  # 0.5473… → 0.55
    ],
)
def test_a_line_tax_is_rounded_half_up_to_the_cent_once(amount, rate, tax):
    assert tax_line(amount, rate, prices_include_tax=True).tax == tax


def test_the_half_cent_rounds_up_without_tax():
    # 0.50 × 5 % = 0.025 → 0.03 (half up, not to even)
    assert tax_line(D("0.50"), D("5"), prices_include_tax=False).tax == D("0.03")


def test_the_discount_is_spread_over_the_lines_in_proportion_before_tax():
    money = compute([(D("30.00"), 1, D("21")), (D("10.00"), 1, D("10"))], discount=D("10.00"))

    assert [line.discount for line in money.lines] == [D("7.50"), D("2.50")]
    # 22.50 at 21 % holds 3.90; 7.50 at 10 % holds 0.68
    assert [(line.gross, line.tax) for line in money.lines] == [(D("22.50"), D("3.90")), (D("7.50"), D("0.68"))]
    assert (money.discount, money.tax, money.total) == (D("10.00"), D("4.58"), D("30.00"))


def test_leftover_cents_of_the_spread_go_to_the_largest_remainders():
    assert spread(D("0.01"), [D("1"), D("1"), D("1")]) == [D("0.01"), D("0.00"), D("0.00")]
    assert spread(D("1.00"), [D("1"), D("1"), D("1")]) == [D("0.34"), D("0.33"), D("0.33")]
    assert spread(D("0.10"), [D("1"), D("2")]) == [D("0.03"), D("0.07")]
    assert spread(D("5.00"), [D("0"), D("0")]) == [D("0.00"), D("0.00")]


def test_shipping_is_taxed_at_its_own_rate_and_never_discounted():
    money = compute([(D("20.00"), 1, D("10"))], discount=D("5.00"), shipping_price=D("4.95"), shipping_rate=D("21"))

    assert (money.shipping.amount, money.shipping.tax, money.shipping.net) == (D("4.95"), D("0.86"), D("4.09"))
    assert [(row.rate, row.net, row.tax, row.gross) for row in money.breakdown] == [
        (D("10.00"), D("13.64"), D("1.36"), D("15.00")),
        (D("21.00"), D("4.09"), D("0.86"), D("4.95")),
    ]
    assert (money.subtotal, money.discount, money.shipping_price, money.total) == (
        D("20.00"),
        D("5.00"),
        D("4.95"),
        D("19.95"),
    )


def test_lines_of_one_rate_are_summed_in_the_breakdown_not_rounded_again():
    # Three lines of 0.05 at 10 %: each holds 0.00 tax (0.0045 rounds down); the rate's tax is their sum, 0.00,
    # not 0.15 × 10/110 = 0.0136 → 0.01.
    money = compute([(D("0.05"), 1, D("10"))] * 3)

    assert [(row.rate, row.tax, row.gross) for row in money.breakdown] == [(D("10.00"), D("0.00"), D("0.15"))]


def test_a_discount_above_the_subtotal_takes_the_lines_to_zero_and_leaves_shipping():
    money = compute([(D("10.00"), 1, D("21"))], discount=D("15.00"), shipping_price=D("3.00"), shipping_rate=D("21"))

    assert (money.discount, money.lines[0].gross, money.total) == (D("10.00"), D("0.00"), D("3.00"))
