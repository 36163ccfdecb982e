"""Coupons and bare orders for the coupon tests (orders made with the ORM, as `place_order` would leave them)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from checkout.tests import factories as checkout_factories
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


class OrderFactory(checkout_factories.OrderFactory):
    """A pending order of 50.00 with 5.00 off, for Ada: the checkout tests' order with coupon-sized amounts."""

    subtotal = Decimal("50.00")
    discount = Decimal("5.00")
    first_name = "Ada"
    last_name = "Lovelace"
    email = "ada@example.com"
