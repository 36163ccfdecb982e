"""Coupons and bare orders for the coupon tests (orders made with the ORM, as `place_order` would leave them)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from checkout.models import Order
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


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"T{n:06d}")
    language = "en"
    currency = "usd"
    subtotal = Decimal("50.00")
    discount = Decimal("5.00")
    total = Decimal("45.00")
    first_name = "Ada"
    last_name = "Lovelace"
    email = "ada@example.com"
    address = "1 Main Street"
    postal_code = "08001"
    city = "Barcelona"
    country = "ES"
    reserved_until = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))
