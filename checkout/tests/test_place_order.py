"""`place_order`: one transaction from cart to pending order, prices from the database, stock reserved."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from checkout.models import Order, OrderEvent
from checkout.orders import services
from checkout.orders.exceptions import EmptyCart, OutOfStock, ProductUnavailable, QuantityOutOfRange
from products.models import Product, ProductVariant
from products.tests.factories import variant_of

from .conftest import ListCart

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


def stock(product):
    return ProductVariant.objects.values_list("stock", flat=True).get(product=product)


def test_an_order_snapshots_the_lines_and_reserves_the_stock(shop, customer, settings):
    settings.ORDER_RESERVATION_MINUTES = 30
    before = timezone.now()

    order = services.place_order(ListCart((shop["kettle"], 2), (shop["mug"], 1)), customer, "en", "key-1")

    order.refresh_from_db()
    assert order.number == f"SF-{order.pk:06d}"
    assert order.status == Order.Status.PENDING
    assert order.language == "en"
    assert order.currency == "usd"
    assert (order.subtotal, order.discount, order.total) == (Decimal("57.00"), Decimal("0.00"), Decimal("57.00"))
    assert [(line.sku, line.title, line.unit_price, line.quantity) for line in order.lines.all()] == [
        ("KET-1", "Kettle", Decimal("24.50"), 2),
        ("MUG-1", "Mug", Decimal("8.00"), 1),
    ]
    assert (order.first_name, order.last_name, order.email, order.country) == ("Ana", "Pérez", "ana@example.com", "ES")
    assert order.submission_key == "key-1"
    assert before + timedelta(minutes=30) <= order.reserved_until <= timezone.now() + timedelta(minutes=30)
    assert (stock(shop["kettle"]), stock(shop["mug"])) == (8, 2)
    assert list(OrderEvent.objects.filter(order=order).values_list("from_status", "to_status")) == [("", "pending")]


def test_the_token_is_long_and_random(shop, customer):
    first = services.place_order(ListCart((shop["kettle"], 1)), customer, "en")
    second = services.place_order(ListCart((shop["kettle"], 1)), customer, "en")

    assert len(first.token) >= 32  # 24 random bytes, URL-safe base64
    assert first.token != second.token
    assert (first.number, second.number) == (f"SF-{first.pk:06d}", f"SF-{second.pk:06d}")


def test_prices_come_from_the_database_at_the_time_of_ordering(shop, customer):
    Product.objects.filter(pk=shop["kettle"].pk).update(price=Decimal("19.99"))

    order = services.place_order(ListCart((shop["kettle"], 3)), customer, "en")

    assert order.lines.get().unit_price == Decimal("19.99")
    assert order.total == Decimal("59.97")


def test_titles_are_snapshot_in_the_orders_language(catalog, customer):
    cart = ListCart((catalog["kettle"]["en"].product, 1), (catalog["mug"]["en"].product, 1))

    titles = {
        code: [line.title for line in services.place_order(cart, customer, code).lines.all()] for code in ("es", "ru")
    }

    assert titles == {"es": ["Hervidor", "Taza"], "ru": ["Чайник", "Кружка"]}


def test_a_title_falls_back_to_english_then_to_the_product_name(shop):
    Product.objects.filter(pk=shop["mug"].pk).update(name="Mug (internal)")
    mug = variant_of(shop["mug"])

    without_russian_page = services.line_titles([mug], "ru")
    shop["pages"]["mug"].unpublish()
    without_any_live_page = services.line_titles([mug], "ru")

    assert without_russian_page == {mug.pk: ("Mug", "")}
    assert without_any_live_page == {mug.pk: ("Mug (internal)", "")}


def test_the_same_submission_key_returns_the_first_order(shop, customer):
    cart = ListCart((shop["mug"], 1))

    first = services.place_order(cart, customer, "en", "double-click")
    second = services.place_order(cart, customer, "en", "double-click")

    assert second.pk == first.pk
    assert Order.objects.count() == 1
    assert stock(shop["mug"]) == 2


def test_an_empty_cart_is_refused(shop, customer):
    with pytest.raises(EmptyCart) as error:
        services.place_order(ListCart(), customer, "en")

    assert error.value.message == "Your cart is empty."


def test_more_than_the_stock_is_refused_and_nothing_is_written(shop, customer):
    with pytest.raises(OutOfStock) as error:
        services.place_order(ListCart((shop["kettle"], 1), (shop["mug"], 4)), customer, "en", "k")

    assert error.value.product == variant_of(shop["mug"])
    assert error.value.available == 3
    assert error.value.message == "Only 3 units of “Mug” are left. Please change the quantity in your cart."
    assert Order.objects.count() == 0
    assert (stock(shop["kettle"]), stock(shop["mug"])) == (10, 3)


def test_a_sold_out_product_is_refused(shop, customer):
    ProductVariant.objects.filter(product=shop["mug"]).update(stock=0)

    with pytest.raises(OutOfStock) as error:
        services.place_order(ListCart((shop["mug"], 1)), customer, "en")

    assert error.value.message == "“Mug” has just sold out. Please remove it from your cart."


@pytest.mark.parametrize("how", ["not for sale", "unpublished"])
def test_a_product_no_longer_sold_is_refused(shop, customer, how):
    if how == "not for sale":
        Product.objects.filter(pk=shop["mug"].pk).update(for_sale=False)
    else:
        shop["pages"]["mug"].unpublish()

    with pytest.raises(ProductUnavailable) as error:
        services.place_order(ListCart((shop["kettle"], 1), (shop["mug"], 1)), customer, "en")

    assert error.value.message == "“Mug” is no longer available. Please remove it from your cart."
    assert Order.objects.count() == 0
    assert stock(shop["kettle"]) == 10


def test_a_product_deleted_meanwhile_is_refused(shop, customer):
    cart = ListCart((shop["kettle"], 1))
    cart.lines[987654] = 1

    with pytest.raises(ProductUnavailable) as error:
        services.place_order(cart, customer, "en")

    assert error.value.message == "A product in your cart is no longer available. Please check your cart."


def test_the_stock_constraint_is_the_last_line_of_defence(shop, customer, monkeypatch):
    """If the checks let an oversell through, the CHECK constraint refuses it as out of stock."""
    monkeypatch.setattr(services, "check_sellable", lambda products, quantities, titles: None)

    with pytest.raises(OutOfStock) as error:
        services.place_order(ListCart((shop["kettle"], 1), (shop["mug"], 5)), customer, "en")

    assert error.value.product.product_id == shop["mug"].pk
    assert Order.objects.count() == 0
    assert (stock(shop["kettle"]), stock(shop["mug"])) == (10, 3)


def test_variants_are_locked_in_primary_key_order(shop, customer):
    cart = ListCart((shop["mug"], 1), (shop["kettle"], 1))
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])

    with CaptureQueriesContext(connection) as queries:
        services.place_order(cart, customer, "en")

    locking = [q["sql"] for q in queries if "products_productvariant" in q["sql"] and "FOR UPDATE" in q["sql"]]
    if connection.features.has_select_for_update:
        assert len(locking) == 1
        assert 'ORDER BY "products_productvariant"."id" ASC' in locking[0]
        assert 'FOR UPDATE OF "products_productvariant"' in locking[0]
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "products_productvariant"')]
    assert [str(kettle.pk) in updates[0], str(mug.pk) in updates[1]] == [True, True]


def test_the_confirmation_email_is_queued_only_after_commit(
    shop, customer, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.place_order(ListCart((shop["kettle"], 1)), customer, "en")

    # The email's, and the page cache's purge of the product whose stock changed (products.cache).
    assert [callback.__module__ for callback in callbacks] == ["products.cache", "checkout.orders.services"]
    assert mailoutbox == []


def test_a_repeated_submission_queues_no_second_email(shop, customer, django_capture_on_commit_callbacks):
    services.place_order(ListCart((shop["kettle"], 1)), customer, "en", "same")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.place_order(ListCart((shop["kettle"], 1)), customer, "en", "same")

    assert callbacks == []


@pytest.mark.parametrize("quantity", [0, 6, 1000])
def test_a_line_beyond_the_per_line_maximum_is_refused_with_a_message(shop, customer, settings, quantity):
    """The session cart clamps what it reads; a cart that still asks for more (tampered, stale) is refused."""
    settings.CART_MAX_LINE_QUANTITY = 5

    with translation.override("es"), pytest.raises(QuantityOutOfRange) as refused:
        services.place_order(ListCart((shop["kettle"], quantity)), customer, "es")

    assert refused.value.message == "Puedes pedir como máximo 5 unidades de un producto."
    assert Order.objects.count() == 0
    assert Product.objects.get(pk=shop["kettle"].pk).stock == 10


def test_the_per_line_maximum_itself_can_be_ordered(shop, customer, settings):
    settings.CART_MAX_LINE_QUANTITY = 5

    order = services.place_order(ListCart((shop["kettle"], 5)), customer, "en")

    assert order.lines.get().quantity == 5


def test_an_order_placed_during_a_sale_is_charged_the_sale_price(shop, customer):
    now = timezone.now()
    Product.objects.filter(pk=shop["kettle"].pk).update(
        sale_price=Decimal("19.50"), sale_starts_at=now - timedelta(minutes=1), sale_ends_at=now + timedelta(hours=1)
    )

    order = services.place_order(ListCart((shop["kettle"], 2)), customer, "en")

    assert [line.unit_price for line in order.lines.all()] == [Decimal("19.50")]
    assert order.total == Decimal("39.00")


def test_an_order_placed_after_the_sale_ended_is_charged_the_price(shop, customer):
    Product.objects.filter(pk=shop["kettle"].pk).update(
        sale_price=Decimal("19.50"), sale_ends_at=timezone.now() - timedelta(seconds=1)
    )

    order = services.place_order(ListCart((shop["kettle"], 1)), customer, "en")

    assert order.total == Decimal("24.50")
