"""The discount: whole cents by one rule (percentages round half up), never above the subtotal, total ≥ 0."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coupons import services
from coupons.models import Coupon
from storefront.money import quantize, to_minor_units


def coupon(kind, value):
    # Unsaved: the arithmetic needs no database.
    return Coupon(code="X", kind=kind, value=Decimal(value))


@pytest.mark.parametrize(
    ("kind", "value", "subtotal", "discount", "total"),
    [
        ("percent", "10", "9.99", "1.00", "8.99"),  # 0.999 → 1.00
        ("percent", "15", "0.05", "0.01", "0.04"),  # 0.0075 → 0.01 (half up)
        ("percent", "10", "0.05", "0.01", "0.04"),  # 0.005 → 0.01: exactly half goes up
        ("percent", "10", "0.04", "0.00", "0.04"),  # 0.004 → 0.00
        ("percent", "33", "10.00", "3.30", "6.70"),
        ("percent", "12.5", "19.99", "2.50", "17.49"),  # 2.49875 → 2.50
        ("percent", "100", "24.50", "24.50", "0.00"),
        ("percent", "50", "0.00", "0.00", "0.00"),
        ("fixed", "5.00", "24.50", "5.00", "19.50"),
        ("fixed", "30.00", "24.50", "24.50", "0.00"),  # larger than the subtotal: capped
        ("fixed", "0.00", "24.50", "0.00", "24.50"),
    ],
)
def test_discount_examples(kind, value, subtotal, discount, total):
    assert services.totals(Decimal(subtotal), coupon(kind, value)) == (Decimal(discount), Decimal(total))
    assert services.discount_for(coupon(kind, value), Decimal(subtotal)) == Decimal(discount)


def test_no_coupon_no_discount():
    assert services.totals(Decimal("12.30"), None) == (Decimal("0.00"), Decimal("12.30"))


cents = st.integers(min_value=0, max_value=10**6 * 100).map(lambda n: Decimal(n).scaleb(-2))
percent_coupons = st.decimals(min_value=1, max_value=100, places=2).map(lambda v: coupon("percent", v))
fixed_coupons = st.decimals(min_value=0, max_value=10**6, places=2).map(lambda v: coupon("fixed", v))


@given(subtotal=cents, applied=st.one_of(percent_coupons, fixed_coupons))
def test_any_subtotal_and_coupon_give_whole_cents_within_the_subtotal(subtotal, applied):
    discount, total = services.totals(subtotal, applied)

    assert discount == quantize(discount) and total == quantize(total)
    assert Decimal(0) <= discount <= subtotal
    assert total == subtotal - discount
    assert total >= 0
    # What Stripe Checkout would charge (minor units of the total) is exactly the order total.
    assert to_minor_units(total) == to_minor_units(subtotal) - to_minor_units(discount)


lines = st.lists(
    st.tuples(st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n).scaleb(-2)), st.integers(1, 99)),
    max_size=20,
)


@given(cart=lines, applied=st.one_of(percent_coupons, fixed_coupons))
def test_any_cart_total_is_the_sum_of_its_lines_less_the_discount(cart, applied):
    subtotal = sum((price * quantity for price, quantity in cart), Decimal("0.00"))

    discount, total = services.totals(subtotal, applied)

    assert total == subtotal - discount >= 0
    assert to_minor_units(total) == sum(to_minor_units(p) * q for p, q in cart) - to_minor_units(discount)
