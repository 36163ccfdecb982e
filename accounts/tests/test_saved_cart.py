"""A signed-in customer's cart is kept in the database and merged into the browser's cart at sign-in: quantities
summed, capped by the stock and the per-line maximum, never lowered; the anonymous cart is kept. Lines are
variants (here each product's one variant)."""

import pytest
from django.test import Client

from accounts.models import SavedCart
from checkout.tests.test_checkout_pages import add, url
from products.tests.factories import variant_of

from .factories import PASSWORD, make_customer

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    client.post(url("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def cart_of(client) -> dict[int, int]:
    return {line.variant.pk: line.quantity for line in client.get(url("cart:detail")).context["cart"]}


@pytest.fixture
def products(catalog):
    # Their variants: 10 and 3 in stock.
    return variant_of(catalog["kettle"]["en"].product), variant_of(catalog["mug"]["en"].product)


def test_a_signed_in_customers_cart_is_saved_and_follows_them_to_another_device(homes, products):
    kettle, mug = products
    ana = make_customer()
    laptop = Client()
    sign_in(laptop, ana)
    add(laptop, kettle.product, 2)
    assert SavedCart.objects.get(user=ana).items == {str(kettle.pk): 2}

    phone = Client()
    sign_in(phone, ana)

    assert cart_of(phone) == {kettle.pk: 2}


def test_signing_in_merges_the_anonymous_cart_with_the_saved_one(homes, products, settings):
    kettle, mug = products
    settings.CART_MAX_LINE_QUANTITY = 5
    ana = make_customer()
    SavedCart.objects.create(user=ana, items={str(kettle.pk): 4, str(mug.pk): 2})
    client = Client()
    add(client, kettle.product, 3)  # 4 + 3 = 7: capped by the per-line maximum, 5
    add(client, mug.product, 2)  # 2 + 2 = 4: capped by the stock, 3

    sign_in(client, ana)

    assert cart_of(client) == {kettle.pk: 5, mug.pk: 3}
    assert SavedCart.objects.get(user=ana).items == {str(kettle.pk): 5, str(mug.pk): 3}


def test_the_merge_never_lowers_the_browsers_line_and_skips_what_is_not_for_sale(homes, products):
    kettle, mug = products
    ana = make_customer()
    SavedCart.objects.create(user=ana, items={str(kettle.pk): 1, str(mug.pk): 1, "999999": 2, "junk": "x"})
    client = Client()
    add(client, kettle.product, 2)
    mug.product.for_sale = False
    mug.product.save()

    sign_in(client, ana)

    assert cart_of(client) == {kettle.pk: 3}


def test_signing_out_leaves_the_saved_cart_for_next_time(homes, products):
    kettle, _mug = products
    ana = make_customer()
    client = Client()
    sign_in(client, ana)
    add(client, kettle.product, 1)

    client.post(url("account_logout"))

    assert cart_of(client) == {}
    assert SavedCart.objects.get(user=ana).items == {str(kettle.pk): 1}
    sign_in(client, ana)
    assert cart_of(client) == {kettle.pk: 1}
