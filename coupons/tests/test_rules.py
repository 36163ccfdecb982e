"""Which codes apply: every rule has its own exception and its own translated message."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from checkout.tests.factories import make_order
from coupons import services
from coupons.models import Coupon, Redemption

from .factories import CouponFactory

pytestmark = pytest.mark.django_db


def test_a_valid_code_is_found_whatever_the_spaces_and_letter_case():
    coupon = CouponFactory(code="SUMMER-10")

    assert services.find_valid("  summer-10 \t", Decimal("20.00")) == coupon
    assert services.find_valid("Summer-10", Decimal("20.00")) == coupon


def test_codes_are_stored_upper_case_and_unique_whatever_the_case():
    coupon = CouponFactory(code=" spring_5 ")
    coupon.refresh_from_db()

    assert coupon.code == "SPRING_5"
    assert Coupon.objects.filter(code="SPRING_5").count() == 1


@pytest.mark.parametrize(
    ("setup", "error", "message"),
    [
        ({"code": "OTHER"}, services.UnknownCoupon, "We don't know this code. Please check it and try again."),
        (
            {"valid_until": timezone.now() - timedelta(minutes=1), "valid_from": timezone.now() - timedelta(days=2)},
            services.CouponExpired,
            "This code has expired.",
        ),
        ({"valid_from": timezone.now() + timedelta(days=1)}, services.CouponNotYetValid, "This code is not valid yet."),
        ({"active": False}, services.CouponInactive, "This code is no longer active."),
        ({"max_uses": 3, "uses": 3}, services.CouponUsedUp, "This code has been used up."),
        (
            {"minimum_amount": Decimal("30.00")},
            services.CouponBelowMinimum,
            "This code needs an order of at least $30.00.",
        ),
    ],
    ids=["unknown", "expired", "not-yet-valid", "inactive", "used-up", "below-minimum"],
)
def test_each_rule_refuses_with_its_own_message(setup, error, message):
    uses = setup.pop("uses", 0)
    setup.setdefault("code", "SAVE")
    coupon = CouponFactory(**setup)
    Coupon.objects.filter(pk=coupon.pk).update(uses=uses)

    with pytest.raises(error) as refused, translation.override("en"):
        services.find_valid("save", Decimal("20.00"))

    with translation.override("en"):
        assert refused.value.message == message
    assert isinstance(refused.value, services.CouponError)


def test_the_per_email_limit_counts_redemptions_whatever_the_email_case():
    coupon = CouponFactory(code="ONCE", max_uses_per_email=1)
    Redemption.objects.create(coupon=coupon, order=make_order(), email="Ada@Example.com", amount=Decimal("5.00"))

    with pytest.raises(services.CouponLimitPerEmail) as refused:
        services.find_valid("once", Decimal("50.00"), email="ada@example.COM")

    with translation.override("en"):
        assert refused.value.message == (
            "This code has already been used with your email address as many times as allowed."
        )
    assert services.find_valid("once", Decimal("50.00"), email="bob@example.com") == coupon
    assert services.find_valid("once", Decimal("50.00")) == coupon


def test_the_minimum_amount_is_told_in_spanish():
    CouponFactory(code="MIN", minimum_amount=Decimal("1234.50"))

    with pytest.raises(services.CouponBelowMinimum) as refused:
        services.find_valid("MIN", Decimal("20.00"))

    with translation.override("es"):
        assert refused.value.message == "Este código requiere un pedido de al menos 1.234,50\xa0US$."


def test_an_expired_code_is_told_in_spanish_and_russian():
    CouponFactory(code="OLD", valid_from=timezone.now() - timedelta(days=9), valid_until=timezone.now())

    with pytest.raises(services.CouponExpired) as refused:
        services.find_valid("OLD", Decimal("20.00"))

    with translation.override("es"):
        assert refused.value.message == "Este código ha caducado."
    with translation.override("ru"):
        assert refused.value.message == "Срок действия этого кода истёк."


def test_validity_bounds_are_from_inclusive_until_exclusive():
    start = timezone.now()
    CouponFactory(code="WINDOW", valid_from=start, valid_until=start + timedelta(hours=1))

    assert services.find_valid("WINDOW", Decimal("1.00"), now=start).code == "WINDOW"
    with pytest.raises(services.CouponExpired):
        services.find_valid("WINDOW", Decimal("1.00"), now=start + timedelta(hours=1))
    with pytest.raises(services.CouponNotYetValid):
        services.find_valid("WINDOW", Decimal("1.00"), now=start - timedelta(seconds=1))


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "A" * 51, "SUMMER 10", "🎉SALE", "' OR 1=1 --", "CODE\x00", "SALE;DROP TABLE coupons_coupon", None, 42],
)
def test_odd_input_is_an_unknown_code(raw):
    CouponFactory(code="SALE")

    with pytest.raises(services.UnknownCoupon):
        services.normalize_code(raw)
    with pytest.raises(services.UnknownCoupon):
        services.find_valid(raw, Decimal("10.00"))


def test_recheck_refuses_an_order_whose_coupon_stopped_applying():
    coupon = CouponFactory(code="LATE")
    order = make_order(coupon=coupon)
    assert services.recheck(order) == coupon

    Coupon.objects.filter(pk=coupon.pk).update(active=False)
    order.refresh_from_db()

    with pytest.raises(services.CouponInactive):
        services.recheck(order)
    assert services.recheck(make_order()) is None


def test_recheck_applies_the_per_email_limit_to_the_orders_email():
    coupon = CouponFactory(code="ONE-EACH", max_uses_per_email=1)
    services.redeem(make_order(coupon=coupon, email="ada@example.com", status="paid"))

    with pytest.raises(services.CouponLimitPerEmail):
        services.recheck(make_order(coupon=coupon, email="ADA@example.com"))
