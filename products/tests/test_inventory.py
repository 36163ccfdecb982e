"""`products.inventory`: the one home of stock changes and of "may this be bought"."""

import pytest
from django.db import IntegrityError, transaction

from products import inventory
from products.models import ProductVariant
from products.signals import products_changed
from storefront import page_cache

from .factories import ProductFactory, add_product_page, variant_of

pytestmark = pytest.mark.django_db


def stock_of(*products) -> list[int]:
    return [variant_of(product).stock for product in products]


@pytest.fixture
def announced():
    """The product pks that `products_changed` announced during the test."""
    seen = []

    def receiver(sender, pks, **kwargs):
        seen.extend(pks)

    products_changed.connect(receiver, dispatch_uid="test_inventory")
    yield seen
    products_changed.disconnect(dispatch_uid="test_inventory")


# --- The checks -------------------------------------------------------------------------------------------


def test_purchasable_variants_are_for_sale_of_a_product_for_sale_with_a_live_page(shop):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])
    withdrawn = ProductFactory(sku="OLD-1", for_sale=False)
    add_product_page(shop["category"], withdrawn, title="Old kettle")
    unpublished = ProductFactory(sku="NEW-1")  # no page in any language
    ProductVariant.objects.filter(pk=mug.pk).update(for_sale=False)
    ProductVariant.objects.filter(pk=kettle.pk).update(stock=0)  # out of stock is still purchasable

    buyable = inventory.purchasable(ProductVariant.objects.all())

    assert list(buyable.values_list("sku", flat=True)) == ["KET-1"]
    assert not inventory.purchasable(ProductVariant.objects.filter(product__in=[withdrawn, unpublished])).exists()


def test_in_stock_means_for_sale_with_a_unit(shop):
    ProductVariant.objects.filter(product=shop["mug"]).update(stock=0)

    assert list(inventory.in_stock(ProductVariant.objects.all()).values_list("sku", flat=True)) == ["KET-1"]
    assert list(inventory.in_stock_products()) == [shop["kettle"]]
    assert (inventory.has_stock(variant_of(shop["kettle"])), inventory.has_stock(variant_of(shop["mug"]))) == (
        True,
        False,
    )


def test_a_product_withdrawn_from_sale_is_not_in_stock_whatever_its_variants(shop):
    type(shop["kettle"]).objects.filter(pk=shop["kettle"].pk).update(for_sale=False)

    assert list(inventory.in_stock_products()) == [shop["mug"]]


def test_low_stock_lists_the_variants_for_sale_at_or_below_the_threshold(shop):
    ProductVariant.objects.filter(product=shop["kettle"]).update(stock=3)
    hidden = ProductFactory(sku="HID-1", for_sale=False, stock=1)

    low = inventory.low_stock(3)

    assert sorted(low.values_list("sku", flat=True)) == ["KET-1", "MUG-1"]
    assert not low.filter(product=hidden).exists()
    assert list(inventory.low_stock(2)) == []


@pytest.mark.parametrize(("stock", "limit", "most"), [(3, 10, 3), (50, 10, 10), (0, 10, 0)])
def test_a_cart_line_may_hold_the_stock_capped_at_the_line_maximum(shop, settings, stock, limit, most):
    settings.CART_MAX_LINE_QUANTITY = limit
    ProductVariant.objects.filter(product=shop["mug"]).update(stock=stock)
    mug = variant_of(shop["mug"])

    assert inventory.max_line_quantity() == limit
    assert inventory.most_per_line(mug) == most
    assert (inventory.covers(mug, stock), inventory.covers(mug, stock + 1)) == (True, False)


# --- The changes ------------------------------------------------------------------------------------------


def test_reserving_takes_the_units_out_of_stock(shop):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])

    inventory.reserve({mug.pk: 3, kettle.pk: 2})

    assert stock_of(shop["kettle"], shop["mug"]) == [8, 0]


def test_an_oversell_is_refused_by_the_constraint_and_the_transaction_keeps_nothing(shop):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])

    with pytest.raises(inventory.InsufficientStock) as refused, transaction.atomic():
        inventory.reserve({kettle.pk: 2, mug.pk: 4})

    assert (refused.value.variant_pk, refused.value.available) == (mug.pk, 3)
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert stock_of(shop["kettle"], shop["mug"]) == [10, 3]


def test_released_and_restocked_units_return_and_a_deleted_variant_is_skipped(shop):
    kettle, mug = variant_of(shop["kettle"]), variant_of(shop["mug"])

    inventory.release({kettle.pk: 2, 999_999: 1})
    inventory.restock({mug.pk: 1, kettle.pk: 0})

    assert stock_of(shop["kettle"], shop["mug"]) == [12, 4]


def test_an_editor_sets_a_count_and_a_negative_one_is_refused(shop):
    mug = variant_of(shop["mug"])

    inventory.set_stock(mug.pk, 7)
    with pytest.raises(IntegrityError), transaction.atomic():
        inventory.set_stock(mug.pk, -1)

    assert stock_of(shop["mug"]) == [7]


def test_locked_variants_come_in_primary_key_order_with_their_products(shop, django_assert_num_queries):
    with transaction.atomic():
        with django_assert_num_queries(1):
            variants = list(inventory.locked(ProductVariant.objects.all()))
            products = [variant.product.sku for variant in variants]

    assert [variant.pk for variant in variants] == sorted(variant.pk for variant in variants)
    assert products == ["KET-1", "MUG-1"]


@pytest.mark.parametrize(
    "change",
    [
        lambda pk: inventory.reserve({pk: 1}),
        lambda pk: inventory.release({pk: 1}),
        lambda pk: inventory.restock({pk: 1}),
        lambda pk: inventory.set_stock(pk, 5),
    ],
    ids=["reserve", "release", "restock", "set_stock"],
)
def test_every_stock_change_purges_the_product_pages_after_the_commit(
    shop, change, announced, django_capture_on_commit_callbacks
):
    before = page_cache.fragment_versions("products")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        change(variant_of(shop["mug"]).pk)

    assert announced == [shop["mug"].pk]
    assert callbacks  # the purge waits for the commit
    assert page_cache.fragment_versions("products") != before
