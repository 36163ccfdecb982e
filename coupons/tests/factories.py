"""Coupons for the tests (orders come from `checkout.tests.factories.make_order`)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from coupons.models import Coupon


class CouponFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coupon

    code = factory.Sequence(lambda n: f"CODE-{n:04d}")
    kind = Coupon.Kind.PERCENT
    value = Decimal("10")
    valid_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    active = True
