"""A use is counted once per paid order, under a lock on the coupon; limits are re-checked at payment time."""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from checkout.tests.factories import make_order
from coupons import services
from coupons.models import Coupon, Redemption

from .factories import CouponFactory


@pytest.mark.django_db
def test_redeem_counts_one_use_and_records_the_discount():
    coupon = CouponFactory(code="ONCE-PER-ORDER", kind=Coupon.Kind.FIXED, value=Decimal("4.20"))
    order = make_order(coupon=coupon, status="paid", email="ada@example.com")

    redemption = services.redeem(order)

    coupon.refresh_from_db()
    assert coupon.uses == 1
    assert (redemption.order, redemption.email, redemption.amount) == (order, "ada@example.com", Decimal("4.20"))


@pytest.mark.django_db
def test_a_second_redeem_of_the_same_order_changes_nothing():
    coupon = CouponFactory(code="TWICE", max_uses=1)
    order = make_order(coupon=coupon, status="paid")
    first = services.redeem(order)

    again = services.redeem(order)

    coupon.refresh_from_db()
    assert again == first
    assert coupon.uses == 1
    assert Redemption.objects.count() == 1


@pytest.mark.django_db
def test_an_order_without_coupon_redeems_nothing():
    assert services.redeem(make_order()) is None
    assert Redemption.objects.count() == 0


@pytest.mark.django_db
def test_redeem_refuses_when_the_limit_was_reached_meanwhile():
    coupon = CouponFactory(code="LAST-ONE", max_uses=1)
    services.redeem(make_order(coupon=coupon, status="paid"))

    with pytest.raises(services.CouponUsedUp):
        services.redeem(make_order(coupon=coupon, status="paid", email="bob@example.com"))

    coupon.refresh_from_db()
    assert coupon.uses == 1


@pytest.mark.django_db
def test_redeem_refuses_past_the_per_email_limit():
    coupon = CouponFactory(code="PER-EMAIL", max_uses_per_email=1)
    services.redeem(make_order(coupon=coupon, status="paid", email="ada@example.com"))

    with pytest.raises(services.CouponLimitPerEmail):
        services.redeem(make_order(coupon=coupon, status="paid", email="ADA@EXAMPLE.COM"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_concurrent_payments_of_a_single_use_coupon_redeem_it_once():
    assert connection.vendor == "postgresql"
    coupon = CouponFactory(code="SINGLE", max_uses=1)
    orders = [make_order(coupon=coupon, status="paid", email=f"shopper{i}@example.com") for i in range(10)]
    barrier = threading.Barrier(10)
    outcomes = []

    def pay(order):
        try:
            barrier.wait()
            services.redeem(order)
            outcomes.append("redeemed")
        except services.CouponUsedUp:
            outcomes.append("used up")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=pay, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    coupon.refresh_from_db()
    assert sorted(outcomes) == ["redeemed"] + ["used up"] * 9
    assert coupon.uses == 1
    assert Redemption.objects.filter(coupon=coupon).count() == 1
    assert Coupon.objects.get(pk=coupon.pk).uses == 1
