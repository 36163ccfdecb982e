"""An existing shop migrates to variants without losing anything: each product gets one default variant with
its SKU, stock and "for sale" under the product's own primary key, so carts in sessions and order lines written
before read the same after."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory
from django.utils import timezone

from cart.cart import Cart

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BEFORE = [("products", "0006_variants"), ("checkout", "0008_order_customer")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    graph = MigrationExecutor(connection).loader.graph
    return [*graph.leaf_nodes("products"), *graph.leaf_nodes("checkout")]


def test_products_carts_and_orders_from_before_variants_keep_everything(shop):
    old = migrate(BEFORE)
    Product, Order, OrderLine = (
        old.get_model("products", "Product"),
        old.get_model("checkout", "Order"),
        old.get_model("checkout", "OrderLine"),
    )
    kettle = Product.objects.get(sku="KET-1")
    Product.objects.filter(pk=kettle.pk).update(stock=7)
    withdrawn = Product.objects.create(sku="OLD-1", name="Old lamp", price=Decimal("5.00"), stock=0, for_sale=False)
    order = Order.objects.create(
        number="SF-000901",
        token="old-token-2",
        status="pending",
        language="es",
        currency="usd",
        subtotal=Decimal("49.00"),
        discount=Decimal("0.00"),
        total=Decimal("49.00"),
        first_name="Ana",
        last_name="Pérez",
        email="ana@example.com",
        address="Calle Mayor 1",
        postal_code="28001",
        city="Madrid",
        country="ES",
        reserved_until=timezone.now(),
    )
    OrderLine.objects.create(
        order=order, product_id=kettle.pk, sku="KET-1", title="Hervidor", unit_price=Decimal("24.50"), quantity=2
    )
    session_cart = {str(kettle.pk): {"quantity": 3, "price": "24.50"}}

    new = migrate(latest())

    Variant, OrderLine = new.get_model("products", "ProductVariant"), new.get_model("checkout", "OrderLine")
    variants = {v.sku: v for v in Variant.objects.all()}
    assert (variants["KET-1"].pk, variants["KET-1"].product_id, variants["KET-1"].stock) == (kettle.pk, kettle.pk, 7)
    assert (variants["KET-1"].price, variants["KET-1"].for_sale) == (None, True)
    assert (variants["OLD-1"].pk, variants["OLD-1"].stock, variants["OLD-1"].for_sale) == (withdrawn.pk, 0, False)
    line = OrderLine.objects.get(order__number="SF-000901")
    assert (line.variant_id, line.product_id, line.title, line.quantity) == (kettle.pk, kettle.pk, "Hervidor", 2)
    # A new variant gets a fresh id: the id sequence was moved past the copied ones.
    added = Variant.objects.create(product_id=kettle.pk, sku="KET-1-RED", stock=1)
    assert added.pk > max(kettle.pk, withdrawn.pk)
    # The session cart written before reads as the same line, now a variant.
    request = RequestFactory().get("/")
    request.session = {"cart": session_cart}
    assert [(line.variant.sku, line.quantity, line.price) for line in Cart(request)] == [("KET-1", 3, Decimal("24.50"))]
