"""Variants: a T-shirt in colours and sizes, its option values translated, edited with the product, offered on
its page, listed with a "from" price, named in the cart, and counted once in "bought together"."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cart.cart import Cart
from products.backoffice.viewsets import ProductViewSet
from products.models import Product, ProductVariant
from products.tests import factories

pytestmark = pytest.mark.django_db


def product_form(product, rows):
    """The admin's product form bound to `rows` of variant fields (sku, price, stock, option value pks)."""
    form_class = ProductViewSet().get_form_class()
    data = {
        "sku": product.sku,
        "name": product.name,
        "price": str(product.price),
        "for_sale": "on",
        "weight": "0",
        "tax_class": "standard",
        "variants-TOTAL_FORMS": str(len(rows)),
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
    }
    for index, (sku, price, stock, values) in enumerate(rows):
        data.update(
            {
                f"variants-{index}-sku": sku,
                f"variants-{index}-price": price,
                f"variants-{index}-stock": str(stock),
                f"variants-{index}-for_sale": "on",
                f"variants-{index}-option_values": [str(value.pk) for value in values],
                f"variants-{index}-ORDER": str(index),
            }
        )
    return form_class(data, instance=Product(), for_user=None)


def test_the_admin_saves_a_product_with_its_variants_and_their_options(tee):
    red, blue = tee["colours"]["Red"], tee["colours"]["Blue"]
    form = product_form(
        Product(sku="CAP", name="Cap", price=Decimal("9.00")),
        [("CAP-RED", "", 3, [red]), ("CAP-BLU", "10.00", 1, [blue])],
    )

    assert form.is_valid(), form.errors
    product = form.save()

    assert [(v.sku, v.unit_price, v.stock) for v in product.variants.order_by("sort_order")] == [
        ("CAP-RED", Decimal("9.00"), 3),
        ("CAP-BLU", Decimal("10.00"), 1),
    ]
    assert list(ProductVariant.objects.get(sku="CAP-RED").option_values.all()) == [red]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("same", "Another variant already has these options."),
        ("two colours", "Choose at most one value of each option type."),
        ("negative price", "Ensure this value is greater than or equal to 0."),
        ("negative stock", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_the_admin_refuses_invalid_variants(tee, rows, message):
    red, blue, m = tee["colours"]["Red"], tee["colours"]["Blue"], tee["sizes"]["M"]
    rows = {
        "same": [("CAP-1", "", 1, [red, m]), ("CAP-2", "", 1, [m, red])],
        "two colours": [("CAP-1", "", 1, [red, blue])],
        "negative price": [("CAP-1", "-1.00", 1, [red])],
        "negative stock": [("CAP-1", "", -1, [red])],
    }[rows]
    form = product_form(Product(sku="CAP", name="Cap", price=Decimal("9.00")), rows)

    assert not form.is_valid()
    errors = [
        error for child in form.formsets["variants"].forms for errors in child.errors.values() for error in errors
    ]
    assert message in errors
    assert not ProductVariant.objects.filter(sku__startswith="CAP-").exists()


def test_the_json_ld_is_a_product_group_with_an_offer_per_variant(client, tee):
    html = client.get(tee["pages"]["en"].url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))

    assert data["@type"] == "ProductGroup"
    assert data["productGroupID"] == "TEE"
    assert [(v["name"], v["sku"], v["offers"]["price"], v["offers"]["availability"]) for v in data["hasVariant"]] == [
        ("T-shirt — Red / M", "TEE-RED-M", "20.00", "https://schema.org/InStock"),
        ("T-shirt — Red / L", "TEE-RED-L", "20.00", "https://schema.org/OutOfStock"),
        ("T-shirt — Blue / M", "TEE-BLU-M", "22.00", "https://schema.org/InStock"),
    ]


def test_a_card_shows_a_from_price_and_is_out_of_stock_only_when_every_variant_is(
    client, tee, catalog, django_capture_on_commit_callbacks
):
    url = catalog["category"]["en"].url
    card = re.search(
        r'<article class="product-card">(?:(?!</article>).)*T-shirt.*?</article>',
        client.get(url).content.decode(),
        re.S,
    )
    assert "From $20.00" in card.group(0)
    assert "Choose options" in card.group(0)

    with django_capture_on_commit_callbacks(execute=True):  # the cached cards go once the change is committed
        ProductVariant.objects.filter(sku__in=["TEE-RED-M"]).update(stock=0)
    card = re.search(
        r'<article class="product-card">(?:(?!</article>).)*T-shirt.*?</article>',
        client.get(url).content.decode(),
        re.S,
    )
    assert "Out of stock" not in card.group(0)

    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(sku="TEE-BLU-M").update(stock=0)
    card = re.search(
        r'<article class="product-card">(?:(?!</article>).)*T-shirt.*?</article>',
        client.get(url).content.decode(),
        re.S,
    )
    assert "Out of stock" in card.group(0)


def test_the_chosen_variant_goes_into_the_cart_named_with_its_options(client, tee):
    blue = tee["variants"]["blue-m"]

    client.post(reverse("cart:add"), {"variant": str(blue.pk), "quantity": "2"})

    html = client.get(reverse("cart:detail")).content.decode()
    assert "T-shirt — Blue / M" in html
    assert client.session["cart"] == {str(blue.pk): {"quantity": 2, "price": "22.00"}}


def test_a_sold_out_variant_cannot_be_added(client, tee):
    response = client.post(reverse("cart:add"), {"variant": str(tee["variants"]["red-l"].pk), "quantity": "1"})

    assert response.status_code == 302
    assert "cart" not in client.session


def test_two_variants_of_one_product_count_once_in_the_carts_products(rf, tee):
    request = rf.get("/")
    request.session = {}
    cart = Cart(request)
    cart.add(tee["variants"]["red-m"], 1)
    cart.add(tee["variants"]["blue-m"], 1)

    assert [line.title for line in cart] == ["T-shirt — Red / M", "T-shirt — Blue / M"]
    assert cart.product_ids() == [tee["product"].pk]


def test_the_admin_edits_a_product_with_its_variants_and_the_option_types(client, django_user_model, tee):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "pw"))
    product = tee["product"]

    edit = client.get(reverse(Product.snippet_viewset.get_url_name("edit"), args=[product.pk]))
    options = client.get(reverse(tee["colours"]["Red"].option_type.snippet_viewset.get_url_name("list")))

    assert edit.status_code == 200
    html = edit.content.decode()
    assert 'name="variants-TOTAL_FORMS" value="3"' in html
    assert 'value="TEE-BLU-M"' in html
    assert options.status_code == 200
    assert "Colour" in options.content.decode()


def test_a_variant_weighs_its_own_weight_else_its_products(db):
    product = factories.ProductFactory(weight=500)
    default = ProductVariant.objects.get(sku=product.sku)
    heavy = ProductVariant.objects.create(product=product, sku=f"{product.sku}-XL", weight=900)

    assert (default.shipping_weight, heavy.shipping_weight) == (500, 900)
