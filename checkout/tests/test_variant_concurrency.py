"""The race for the last unit of one variant, on PostgreSQL with real threads: exactly one of two shoppers gets the
last red M T-shirt, named as the shopper saw it, and a shopper buying the blue M at the same time never waits."""

import threading
import time
from decimal import Decimal

import pytest

from checkout.models import Order
from checkout.orders import services
from checkout.orders.exceptions import OutOfStock
from products.models import ProductVariant
from products.tests import factories

from .conftest import ListCart
from .factories import CUSTOMER
from .test_concurrency import in_thread, lock_waiters

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def buy(name, variant):
    return services.place_order(ListCart((variant, 1)), {**CUSTOMER, "email": f"{name}@example.com"}, "en")


def test_two_shoppers_race_for_the_last_unit_of_one_variant(shop, monkeypatch):
    _colour, colours = factories.option_type("Colour", ["Red", "Blue"])
    _size, sizes = factories.option_type("Size", ["M"])
    tee = factories.ProductFactory(sku="TEE", name="T-shirt", price=Decimal("20.00"), default_variant=None)
    factories.add_product_page(shop["category"], tee, title="T-shirt")
    red = factories.add_variant(tee, "TEE-RED-M", stock=1, options=[colours["Red"], sizes["M"]])
    blue = factories.add_variant(tee, "TEE-BLU-M", stock=5, options=[colours["Blue"], sizes["M"]])
    first_holds_lock, release_first = threading.Event(), threading.Event()
    real_check = services.check_sellable

    def check_then_wait(variants, quantities, titles):
        real_check(variants, quantities, titles)
        if red.pk in quantities and not first_holds_lock.is_set():  # the first pauses, the red row locked
            first_holds_lock.set()
            release_first.wait(timeout=10)

    monkeypatch.setattr(services, "check_sellable", check_then_wait)

    first, first_outcome = in_thread(buy, "first", red)
    assert first_holds_lock.wait(timeout=10)
    blue_buyer, blue_outcome = in_thread(buy, "blue", blue)
    blue_buyer.join(timeout=20)  # another variant's row: not locked by the first shopper
    second, second_outcome = in_thread(buy, "second", red)
    deadline = time.monotonic() + 10
    while lock_waiters() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    waiting = lock_waiters()
    release_first.set()
    first.join(timeout=20)
    second.join(timeout=20)

    assert waiting == 1  # the second red buyer's SELECT ... FOR UPDATE waited for the first
    assert isinstance(blue_outcome[0], Order)
    assert isinstance(first_outcome[0], Order)
    assert isinstance(second_outcome[0], OutOfStock)
    assert second_outcome[0].message == "“T-shirt — Red / M” has just sold out. Please remove it from your cart."
    assert sorted(Order.objects.values_list("email", flat=True)) == ["blue@example.com", "first@example.com"]
    assert dict(ProductVariant.objects.filter(product=tee).values_list("sku", "stock")) == {
        "TEE-RED-M": 0,
        "TEE-BLU-M": 4,
    }
    line = first_outcome[0].lines.get()
    assert (line.sku, line.title, line.variant_label, line.variant_id) == (
        "TEE-RED-M",
        "T-shirt — Red / M",
        "Red / M",
        red.pk,
    )
