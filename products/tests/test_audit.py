"""Every editor's change of price, stock or "for sale" is logged with who and when, and seen on the history."""

from decimal import Decimal
from unittest.mock import patch

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from products.models import Product, ProductVariant
from products.services import (
    COMMERCIAL_CHANGE_ACTION,
    StockOnVariants,
    apply_commercial_plan,
    change_commercial_fields,
)
from products.tests.factories import ProductFactory, staff_user, variant_of

pytestmark = pytest.mark.django_db


def shown(price, for_sale=True):
    """The values the edit form showed, posted back as Django's hidden initial values."""
    return {"initial-price": price, "initial-for_sale": str(for_sale)}


def variant_rows(product, stock, shown_stock):
    """The product's one variant in the edit form: `stock` posted, `shown_stock` shown when it was opened."""
    variant = variant_of(product)
    return {
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "1",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-id": str(variant.pk),
        "variants-0-sku": variant.sku,
        "variants-0-price": "",
        "initial-variants-0-price": "",
        "variants-0-stock": str(stock),
        "initial-variants-0-stock": str(shown_stock),
        "variants-0-for_sale": "on",
        "initial-variants-0-for_sale": "True",
        "variants-0-ORDER": "0",
    }


def commercial_entries(product):
    return list(ModelLogEntry.objects.filter(action=COMMERCIAL_CHANGE_ACTION, object_id=str(product.pk)).order_by("pk"))


def test_a_change_is_written_and_logged_with_who_and_each_old_and_new_value():
    manager = staff_user(settings.SHOP_MANAGERS_GROUP)
    product = ProductFactory(price=Decimal("19.90"), stock=10, for_sale=True)

    change_commercial_fields(product, by=manager, price=Decimal("17.50"), stock=12)

    product.refresh_from_db()
    assert (product.price, product.stock) == (Decimal("17.50"), 12)
    [entry] = commercial_entries(product)
    assert entry.user == manager
    assert entry.timestamp is not None
    assert entry.data == {"changes": {"price": ["19.90", "17.50"], "stock": [10, 12]}}
    assert entry.message == "Commercial change: price: 19.90 → 17.50; stock: 10 → 12"


def test_an_unchanged_value_writes_and_logs_nothing():
    product = ProductFactory(price=Decimal("19.90"))

    changed = change_commercial_fields(Product.objects.filter(pk=product.pk), by=None, price=Decimal("19.90"))

    assert changed == []
    assert commercial_entries(product) == []


def test_a_plan_gives_each_product_its_own_value_and_announces_the_change(django_capture_on_commit_callbacks):
    first, second = ProductFactory(price=Decimal("10.00")), ProductFactory(price=Decimal("20.00"))

    with patch("products.cache.purge_products") as purge, django_capture_on_commit_callbacks(execute=True):
        apply_commercial_plan({first.pk: {"price": Decimal("11.00")}, second.pk: {"price": Decimal("22.00")}}, by=None)

    assert Product.objects.get(pk=first.pk).price == Decimal("11.00")
    assert Product.objects.get(pk=second.pk).price == Decimal("22.00")
    purged = {pk for call in purge.call_args_list for pk in call.args[0]}
    assert purged == {first.pk, second.pk}


def test_only_commercial_fields_may_be_changed_this_way():
    product = ProductFactory()

    with pytest.raises(ValueError):
        change_commercial_fields(product, by=None, name="Renamed")


def test_an_edit_in_the_admin_is_logged_and_shown_on_the_products_history(client):
    manager = staff_user(settings.SHOP_MANAGERS_GROUP)
    product = ProductFactory(sku="KET-1", name="Kettle", price=Decimal("24.50"), stock=10)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailsnippets_products_product:edit", args=[product.pk]),
        {
            **shown(price="24.50"),
            **variant_rows(product, stock=10, shown_stock=10),
            "sku": "KET-1",
            "name": "Kettle",
            "price": "22.00",
            "for_sale": "on",
            "weight": "500",
            "tax_class": "standard",
        },
    )

    assert response.status_code == 302
    [entry] = commercial_entries(product)
    assert (entry.user, entry.data) == (manager, {"changes": {"price": ["24.50", "22.00"]}})
    history = client.get(reverse("wagtailsnippets_products_product:history", args=[product.pk]))
    assert "Commercial change: price: 24.50 → 22.00" in history.content.decode()


def test_an_admin_edit_never_writes_back_the_stock_shown_when_the_form_was_opened(client):
    """An order reserved two units while the manager renamed the product: the reservation stays."""
    manager = staff_user(settings.SHOP_MANAGERS_GROUP)
    product = ProductFactory(sku="KET-1", name="Kettle", price=Decimal("24.50"), stock=10)
    client.force_login(manager)
    form = {**shown(price="24.50"), "sku": "KET-1", "name": "Kettle deluxe", "price": "24.50"}
    form.update(variant_rows(product, stock=10, shown_stock=10), for_sale="on", weight="500", tax_class="standard")
    ProductVariant.objects.filter(product=product).update(stock=8)

    client.post(reverse("wagtailsnippets_products_product:edit", args=[product.pk]), form)

    product.refresh_from_db()
    assert (product.name, product.stock) == ("Kettle deluxe", 8)
    assert commercial_entries(product) == []


def test_the_edit_form_posts_back_the_values_it_showed(client):
    client.force_login(staff_user(settings.SHOP_MANAGERS_GROUP))
    product = ProductFactory(price=Decimal("24.50"), stock=10)

    page = client.get(reverse("wagtailsnippets_products_product:edit", args=[product.pk])).content.decode()

    assert 'name="initial-variants-0-stock" value="10"' in page
    assert 'name="initial-price" value="24.50"' in page


def test_a_variants_stock_changed_in_the_product_form_is_logged_on_the_products_history(client):
    manager = staff_user(settings.SHOP_MANAGERS_GROUP)
    product = ProductFactory(sku="KET-1", name="Kettle", price=Decimal("24.50"), stock=10)
    client.force_login(manager)
    form = {**shown(price="24.50"), "sku": "KET-1", "name": "Kettle", "price": "24.50"}
    form.update(variant_rows(product, stock=12, shown_stock=10), for_sale="on", weight="500", tax_class="standard")

    response = client.post(reverse("wagtailsnippets_products_product:edit", args=[product.pk]), form)

    assert response.status_code == 302
    assert variant_of(product).stock == 12
    [entry] = commercial_entries(product)
    assert entry.data == {"variants": {"KET-1": {"stock": [10, 12]}}}
    assert entry.message == "Commercial change: KET-1 stock: 10 → 12"


def test_the_stock_of_a_product_with_several_variants_is_refused_as_one_number():
    product = ProductFactory(sku="TEE", stock=5)
    ProductVariant.objects.create(product=product, sku="TEE-2", stock=1)

    with pytest.raises(StockOnVariants, match="TEE has several variants"):
        change_commercial_fields(product, by=None, stock=3, price=Decimal("1.00"))

    product.refresh_from_db()
    assert (product.stock, product.price) == (6, Decimal("19.90"))
    assert commercial_entries(product) == []
