"""One step to add a product: the page form takes the new product's SKU, price, stock and "for sale", and the
product is saved with the page or not at all; editing shows them, editable only with product rights."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from products.models import Product, ProductPage, ProductVariant
from products.services import COMMERCIAL_CHANGE_ACTION
from products.tests.factories import ProductFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = staff_user(settings.EDITORS_GROUP)
    client.force_login(user)
    return user


def add_url(category):
    return reverse("wagtailadmin_pages:add", args=["products", "productpage", category.pk])


def page_form(title="Teapot", **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower(),
            "short_description": f"All about the {title.lower()}.",
            "gallery_images": inline_formset([]),
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **fields,
        }
    )


def test_a_page_and_its_new_product_are_made_in_one_step(client, editor, shop):
    response = client.post(
        add_url(shop["category"]),
        page_form(product_sku="TEA-9", product_price="12.00", product_stock="4", product_for_sale="on"),
    )

    assert response.status_code == 302
    page = ProductPage.objects.get(title="Teapot")
    product = page.product
    assert (product.sku, product.name, product.price, product.stock, product.for_sale) == (
        "TEA-9",
        "Teapot",
        Decimal("12.00"),
        4,
        True,
    )
    assert page.live


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"product_sku": "KET-1", "product_price": "12.00"},
            "product_sku",
            "Product with this Product code already exists.",
        ),
        ({"product_sku": "TEA-9", "product_price": "-1"}, "product_price", "greater than or equal to 0"),
        ({"product_sku": "TEA-9"}, "product_price", "Enter the new product's price."),
        ({"product_price": "12.00"}, "product_sku", "Enter the new product's SKU, or pick an existing product."),
    ],
)
def test_a_refused_form_leaves_neither_page_nor_product(client, editor, shop, fields, field, message):
    products_before = Product.objects.count()

    response = client.post(add_url(shop["category"]), page_form(**fields))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert Product.objects.count() == products_before
    assert not ProductPage.objects.filter(title="Teapot").exists()


def test_an_existing_product_may_still_be_picked(client, editor, shop):
    teapot = ProductFactory(sku="TEA-9", name="Teapot", price=Decimal("12.00"), stock=1)

    client.post(add_url(shop["category"]), page_form(product=teapot.pk))

    assert ProductPage.objects.get(title="Teapot").product == teapot


def test_picking_a_product_and_entering_a_new_one_is_refused(client, editor, shop):
    response = client.post(add_url(shop["category"]), page_form(product=shop["mug"].pk, product_sku="TEA-9"))

    assert "Pick an existing product or enter a new one, not both." in response.context["form"].errors["product_sku"]
    assert not Product.objects.filter(sku="TEA-9").exists()


def test_the_edit_form_shows_the_products_values_and_an_edit_is_audited(client, editor, shop):
    page = shop["pages"]["kettle"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url).context["form"]
    assert [form[name].value() for name in ("product_sku", "product_price", "product_stock")] == [
        "KET-1",
        Decimal("24.50"),
        10,
    ]

    data = page_form(
        title="Kettle",
        slug="kettle",
        product=page.product_id,
        product_price="21.00",
        product_stock="10",
        product_for_sale="on",
        **{"initial-product_price": "24.50", "initial-product_stock": "10", "initial-product_for_sale": "True"},
    )
    data["slug"] = page.slug
    response = client.post(url, data)

    assert response.status_code == 302
    product = Product.objects.get(sku="KET-1")
    assert (product.price, product.stock) == (Decimal("21.00"), 10)
    entry = ModelLogEntry.objects.get(action=COMMERCIAL_CHANGE_ACTION, object_id=str(product.pk))
    assert (entry.user, entry.data["changes"]) == (editor, {"price": ["24.50", "21.00"]})


@pytest.mark.parametrize(
    ("group", "editable"),
    [
        (settings.EDITORS_GROUP, True),
        (settings.SHOP_MANAGERS_GROUP, True),
        (settings.TRANSLATORS_GROUP, False),
    ],
)
def test_the_commercial_fields_are_editable_only_with_product_rights(shop, group, editable):
    page = shop["pages"]["kettle"]
    form_class = ProductPage.get_edit_handler().get_form_class()

    form = form_class(instance=page, for_user=staff_user(group), parent_page=page.get_parent())

    assert [form.fields[name].disabled for name in ("product_price", "product_stock", "product_for_sale")] == [
        not editable
    ] * 3
    assert form.fields["product_sku"].disabled


def test_a_user_without_product_rights_changes_nothing_by_posting_the_fields(shop):
    page = shop["pages"]["kettle"]
    form_class = ProductPage.get_edit_handler().get_form_class()
    data = page_form(title="Kettle", product=page.product_id, product_price="1.00", product_stock="0")
    data["slug"] = page.slug

    form = form_class(
        data, instance=page, for_user=staff_user(settings.TRANSLATORS_GROUP), parent_page=page.get_parent()
    )
    assert form.is_valid(), form.errors
    form.save(commit=False)

    product = Product.objects.get(sku="KET-1")
    assert (product.price, product.stock) == (Decimal("24.50"), 10)


def test_the_chooser_of_a_new_page_opens_on_the_products_without_a_page_in_its_language(client, editor, catalog):
    response = client.get(add_url(catalog["category"]["es"]))

    widget = response.context["form"].fields["product"].widget
    assert widget.get_chooser_modal_url().endswith("?without_page_in=es")


def test_the_stock_of_a_product_with_several_variants_is_read_only_on_its_page(shop):
    page = shop["pages"]["kettle"]
    ProductVariant.objects.create(product=page.product, sku="KET-1-XL", stock=5)
    form_class = ProductPage.get_edit_handler().get_form_class()

    form = form_class(instance=page, for_user=staff_user(settings.EDITORS_GROUP), parent_page=page.get_parent())

    assert form.fields["product_stock"].disabled
    assert not form.fields["product_price"].disabled
    assert form["product_stock"].value() == 15
    assert "set their stock in the product's form" in str(form.fields["product_stock"].help_text)


def test_a_new_products_sku_may_not_be_a_variants(client, editor, shop):
    ProductVariant.objects.create(product=shop["kettle"], sku="TEA-9", stock=1)

    response = client.post(add_url(shop["category"]), page_form(product_sku="TEA-9", product_price="12.00"))

    assert response.status_code == 200
    assert "A variant already has this SKU." in response.content.decode()
    assert not Product.objects.filter(sku="TEA-9").exists()
