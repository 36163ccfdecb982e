"""One commercial truth across locales: every translation of a product page shares one Product row."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail_localize.models import StringSegment, TranslationSource

from products.models import Product, ProductPage, ProductVariant
from products.tests.factories import ProductFactory, add_variant, variant_of

pytestmark = pytest.mark.django_db


def test_translations_point_at_the_same_product_row(catalog):
    pages = catalog["kettle"]

    assert pages["es"].product_id == pages["en"].product_id == pages["ru"].product_id


def test_a_price_and_stock_change_is_seen_in_every_locale_at_once(client, catalog):
    product = catalog["kettle"]["en"].product
    Product.objects.filter(pk=product.pk).update(price=Decimal("31.99"))
    ProductVariant.objects.filter(product=product).update(stock=0)

    spanish = client.get(catalog["kettle"]["es"].url).content.decode()
    russian = client.get(catalog["kettle"]["ru"].url).content.decode()

    assert "31,99\xa0US$" in spanish
    assert "Agotado" in spanish or "Out of stock" in spanish
    assert "31,99\xa0$" in russian


def test_the_product_key_is_synchronised_and_never_a_segment(catalog):
    source, _created = TranslationSource.get_or_create_from_instance(catalog["kettle"]["en"])
    segment_paths = set(StringSegment.objects.filter(source=source).values_list("context__path", flat=True))

    assert "title" in segment_paths
    assert "short_description" in segment_paths
    assert not any(path.startswith("product") for path in segment_paths)


def test_translation_keeps_the_source_product_even_when_the_translation_is_edited(catalog):
    other = ProductFactory(sku="OTHER-1")
    spanish = ProductPage.objects.get(pk=catalog["kettle"]["es"].pk)
    spanish.product = other
    spanish.save()

    source, _created = TranslationSource.get_or_create_from_instance(catalog["kettle"]["en"])
    source.update_from_db()
    source.create_or_update_translation(spanish.locale, fallback=True)

    spanish.refresh_from_db()
    assert spanish.product_id == catalog["kettle"]["en"].product_id


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [("product", "price", Decimal("-0.01")), ("variant", "price", Decimal("-0.01")), ("variant", "stock", -1)],
)
def test_negative_price_or_stock_is_refused_by_validation_and_by_the_database(record, field, value):
    product = ProductFactory()
    product = variant_of(product) if record == "variant" else product
    setattr(product, field, value)

    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert field in error.value.message_dict

    with pytest.raises(IntegrityError), transaction.atomic():
        product.save()


def test_sku_is_unique():
    ProductFactory(sku="DUP-1")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(sku="DUP-1")


def test_a_variant_sku_is_unique_across_products():
    add_variant(ProductFactory(), "TEE-RED-M")

    with pytest.raises(IntegrityError), transaction.atomic():
        add_variant(ProductFactory(), "TEE-RED-M")


def test_price_has_two_decimal_places():
    product = ProductFactory(price=Decimal("1.234"))

    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "price" in error.value.message_dict


def test_a_product_has_at_most_one_page_per_locale(catalog):
    duplicate = ProductPage(
        title="Second kettle page",
        slug="second-kettle",
        product=catalog["kettle"]["en"].product,
        short_description="Again.",
        locale=catalog["kettle"]["en"].locale,
    )

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "product" in error.value.message_dict
