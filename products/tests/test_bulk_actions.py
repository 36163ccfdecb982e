"""Bulk actions of the product listing: each needs product rights, previews price and stock changes, and writes
through the audited service path."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from products.backoffice.bulk_actions import BULK_ACTIONS
from products.models import Product, ProductVariant
from products.services import COMMERCIAL_CHANGE_ACTION
from products.tests.factories import ProductFactory, staff_user

pytestmark = pytest.mark.django_db


def bulk_url(action, *products):
    query = "&".join(f"id={product.pk}" for product in products)
    return reverse("wagtail_bulk_action", args=("products", "product", action)) + "?" + query


@pytest.fixture
def manager(client):
    user = staff_user(settings.SHOP_MANAGERS_GROUP)
    client.force_login(user)
    return user


def prices(*products):
    return [Product.objects.get(pk=product.pk).price for product in products]


def test_stop_selling_and_sell_again(client, manager):
    kettle, mug = ProductFactory(for_sale=True), ProductFactory(for_sale=True)

    response = client.post(bulk_url("stop-selling", kettle, mug), {})

    assert response.status_code == 302
    assert list(Product.objects.filter(pk__in=[kettle.pk, mug.pk]).values_list("for_sale", flat=True)) == [False] * 2
    client.post(bulk_url("sell", kettle), {})
    assert Product.objects.get(pk=kettle.pk).for_sale is True


def test_a_price_change_by_percent_is_previewed_then_applied_and_logged(client, manager):
    kettle, mug = ProductFactory(price=Decimal("24.50")), ProductFactory(price=Decimal("8.00"))
    url = bulk_url("change-price", kettle, mug)

    preview = client.post(url, {"kind": "percent", "value": "10"})

    html = preview.content.decode()
    assert preview.status_code == 200
    assert '<td data-new="price">26.95</td>' in html
    assert '<td data-new="price">8.80</td>' in html
    assert prices(kettle, mug) == [Decimal("24.50"), Decimal("8.00")]

    client.post(url, {"kind": "percent", "value": "10", "confirmed": "1"})

    assert prices(kettle, mug) == [Decimal("26.95"), Decimal("8.80")]
    entry = ModelLogEntry.objects.get(action=COMMERCIAL_CHANGE_ACTION, object_id=str(kettle.pk))
    assert (entry.user, entry.data["changes"]) == (manager, {"price": ["24.50", "26.95"]})


def test_a_price_change_by_an_amount(client, manager):
    kettle = ProductFactory(price=Decimal("24.50"))

    client.post(bulk_url("change-price", kettle), {"kind": "amount", "value": "-2.55", "confirmed": "1"})

    assert prices(kettle) == [Decimal("21.95")]


def test_a_change_that_would_make_a_price_negative_is_refused_with_a_message(client, manager):
    kettle, mug = ProductFactory(price=Decimal("24.50")), ProductFactory(price=Decimal("8.00"))

    response = client.post(bulk_url("change-price", kettle, mug), {"kind": "amount", "value": "-10", "confirmed": "1"})

    assert response.status_code == 200
    assert "This change would make a price negative." in response.content.decode()
    assert prices(kettle, mug) == [Decimal("24.50"), Decimal("8.00")]


def test_set_stock_refuses_a_negative_number_and_applies_a_good_one(client, manager):
    kettle = ProductFactory(stock=10)

    refused = client.post(bulk_url("set-stock", kettle), {"stock": "-1", "confirmed": "1"})
    client.post(bulk_url("set-stock", kettle), {"stock": "0", "confirmed": "1"})

    assert refused.status_code == 200
    assert Product.objects.get(pk=kettle.pk).stock == 0


def test_a_user_without_product_rights_changes_nothing(client):
    client.force_login(staff_user(settings.TRANSLATORS_GROUP))
    kettle = ProductFactory(price=Decimal("24.50"), for_sale=True)

    client.post(bulk_url("stop-selling", kettle), {})
    client.post(bulk_url("change-price", kettle), {"kind": "amount", "value": "1", "confirmed": "1"})

    kettle.refresh_from_db()
    assert (kettle.for_sale, kettle.price) == (True, Decimal("24.50"))
    assert not ModelLogEntry.objects.filter(action=COMMERCIAL_CHANGE_ACTION).exists()


def test_set_stock_refuses_a_product_with_several_variants(client, manager):
    tee = ProductFactory(sku="TEE", stock=2)
    ProductVariant.objects.create(product=tee, sku="TEE-XL", stock=3)

    response = client.post(bulk_url("set-stock", tee), {"stock": "9", "confirmed": "1"})

    assert response.status_code == 200
    assert "TEE has several variants" in response.content.decode()
    assert sorted(ProductVariant.objects.filter(product=tee).values_list("stock", flat=True)) == [2, 3]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("action", [action.action_type for action in BULK_ACTIONS])
@pytest.mark.parametrize("ids", ["id=abc", "id=%00", "id=", "id=-1.5", "id=99999999999999999999"])
def test_a_link_with_an_impossible_id_goes_back_to_the_listing_with_a_message_and_changes_nothing(
    client, manager, method, action, ids
):
    kettle = ProductFactory(price=Decimal("24.50"), for_sale=True)
    listing = reverse(Product.snippet_viewset.get_url_name("list"))
    url = reverse("wagtail_bulk_action", args=("products", "product", action)) + f"?next={listing}&id={kettle.pk}&{ids}"

    form = {"kind": "percent", "value": "10", "stock": "3", "confirmed": "1"}
    response = client.get(url) if method == "get" else client.post(url, form)

    assert (response.status_code, response["Location"]) == (302, listing)
    assert [str(message).strip() for message in get_messages(response.wsgi_request)] == [
        "This link names products that cannot exist. Please select them in the list again."
    ]
    assert Product.objects.filter(pk=kettle.pk, price=Decimal("24.50"), for_sale=True).exists()
