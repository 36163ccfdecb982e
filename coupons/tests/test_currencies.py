"""Coupons in markets of other currencies (issue #26): a percentage applies everywhere, its minimum converted; a
fixed amount applies only in its own currency, and says so."""

from decimal import Decimal

import pytest
from django.utils import translation

from coupons.models import Coupon
from coupons.services import CouponBelowMinimum, CouponWrongCurrency, discount_for, find_valid, minimum_in
from markets.tests.factories import set_rate

from .factories import CouponFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(db):
    set_rate("EUR", "0.92")
    set_rate("RUB", "90")


def test_a_new_coupon_is_in_the_base_currency():
    assert CouponFactory().currency == "USD"


def test_a_percentage_coupon_applies_in_every_currency(rates):
    coupon = CouponFactory(code="TEN", kind=Coupon.Kind.PERCENT, value=Decimal("10"))

    assert find_valid("ten", Decimal("22.99"), currency="EUR") == coupon
    assert discount_for(coupon, Decimal("22.99"), "eur") == Decimal("2.30")
    assert find_valid("ten", Decimal("2205"), currency="rub") == coupon


def test_in_a_market_of_whole_units_the_percentage_is_rounded_to_a_whole_unit(rates):
    coupon = CouponFactory(kind=Coupon.Kind.PERCENT, value=Decimal("10"))

    assert discount_for(coupon, Decimal("2205"), "rub") == Decimal("220.50")
    assert discount_for(coupon, Decimal("2205"), "rub", whole_units=True) == Decimal("221.00")


def test_a_minimum_is_converted_at_the_latest_rate_and_rounded_up(rates):
    coupon = CouponFactory(code="BIG", minimum_amount=Decimal("50.00"))

    assert minimum_in(coupon, "EUR") == Decimal("46.00")
    assert minimum_in(coupon, "RUB") == Decimal("4500.00")
    with pytest.raises(CouponBelowMinimum) as refused, translation.override("es"):
        find_valid("big", Decimal("45.99"), currency="EUR")
    with translation.override("en"):
        assert refused.value.message == "This code needs an order of at least €46.00."


def test_a_fixed_amount_applies_only_in_its_own_currency_and_says_so(rates):
    CouponFactory(code="FIVE", kind=Coupon.Kind.FIXED, value=Decimal("5.00"), currency="EUR")

    assert find_valid("five", Decimal("22.99"), currency="EUR").code == "FIVE"
    with pytest.raises(CouponWrongCurrency) as refused:
        find_valid("five", Decimal("100"), currency="USD")
    assert refused.value.message == "This code is valid only for orders paid in EUR."


def test_a_minimum_without_a_rate_cannot_be_checked_so_the_code_is_refused(rates):
    CouponFactory(code="SWISS", minimum_amount=Decimal("10"), currency="CHF")

    with pytest.raises(CouponWrongCurrency):
        find_valid("swiss", Decimal("100"), currency="EUR")


def test_an_unknown_currency_is_refused_in_the_admin():
    coupon = CouponFactory.build(code="X", currency="ZZZ")

    with pytest.raises(Exception) as refused:
        coupon.full_clean()

    assert "Unknown currency code: ZZZ" in str(refused.value)
