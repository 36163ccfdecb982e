"""The index follows publishing, in every locale, with no manual step.

Wagtail re-indexes a page on every save through django-tasks (the immediate backend runs it in-process); the
search app adds what a product page indexes from elsewhere: its product's SKU and its category's title.
"""

import pytest
from wagtail.models import Page

from products.models import Product, ProductVariant
from products.tests import factories

from .helpers import search

pytestmark = pytest.mark.django_db

TITLES = {"en": "Zephyr teapot", "es": "Tetera Zephyr", "ru": "Заварник Zephyr"}


def unpublished_teapot(shop):
    """A new product whose English page exists (translations are made from it) but is not live."""
    page = factories.add_product_page(shop["category"]["en"], factories.ProductFactory(sku="ZEP-1"), title=TITLES["en"])
    page.unpublish()
    return page


def draft_in(page, code):
    if code == "en":
        return page
    return factories.translate(page, code, publish_it=False, title=TITLES[code])


@pytest.mark.parametrize("code", ["en", "es", "ru"])
def test_a_product_is_found_once_published_in_that_locale_only(client, shop, code):
    page = draft_in(unpublished_teapot(shop), code)

    assert search(client, code, "zephyr").titles == []

    factories.publish(page)

    for other in ("en", "es", "ru"):
        assert search(client, other, "zephyr").titles == ([TITLES[code]] if other == code else []), other


@pytest.mark.parametrize(
    ("code", "old", "new", "title"),
    [
        ("en", "kettle", "samovar", "Samovar"),
        ("es", "hervidor", "samovar", "Samovar"),
        ("ru", "чайник", "самовар", "Самовар"),
    ],
)
def test_a_changed_title_is_found_once_published_and_the_old_one_no_longer(client, shop, code, old, new, title):
    page = shop["kettle"][code]
    old_title = page.title
    page.short_description = "Boils water."  # so that the old word is nowhere left
    page.title = title
    page.save_revision()

    # The draft is not what shoppers see
    assert search(client, code, old).titles == [old_title]
    assert search(client, code, new).titles == []

    page.get_latest_revision().publish()

    assert search(client, code, old).titles == []
    assert search(client, code, new).titles == [title]


@pytest.mark.parametrize(("code", "q"), [("en", "kettle"), ("es", "hervidor"), ("ru", "чайник")])
def test_an_unpublished_product_is_no_longer_found_in_that_locale_only(client, shop, code, q):
    shop["kettle"][code].unpublish()

    assert search(client, code, q).titles == []
    for other, other_q in (("en", "kettle"), ("es", "hervidor"), ("ru", "чайник")):
        if other != code:
            assert search(client, other, other_q).titles == [shop["kettle"][other].title]


def test_a_deleted_product_page_is_gone_from_the_index(client, shop):
    shop["kettle"]["ru"].delete()

    assert search(client, "ru", "чайник").titles == []
    assert search(client, "en", "kettle").titles == ["Kettle"]


def test_a_new_sku_is_found_in_every_locale(client, shop):
    product = Product.objects.get(sku="KET-1")
    product.sku = "KET-2000"
    product.save()
    variant = ProductVariant.objects.get(product=product)
    variant.sku = "KET-2000-S"
    variant.save()

    for code in ("en", "es", "ru"):
        assert search(client, code, "KET-2000").titles == [shop["kettle"][code].title]
        assert search(client, code, "KET-2000-S").titles == [shop["kettle"][code].title]
        assert search(client, code, "KET-1").titles == []


def test_a_product_is_found_by_any_of_its_variants_skus(client, shop):
    product = Product.objects.get(sku="KET-1")
    ProductVariant.objects.create(product=product, sku="KETTLE-RED-XL", stock=1)

    for code in ("en", "es", "ru"):
        assert search(client, code, "KETTLE-RED-XL").titles == [shop["kettle"][code].title]


@pytest.mark.parametrize(
    ("code", "category_title", "q"),
    [("en", "Cookware", "cookware"), ("es", "Menaje", "menaje"), ("ru", "Посуда", "посуда")],
)
def test_a_renamed_category_finds_its_products_by_the_new_name(client, shop, code, category_title, q):
    category = shop["category"][code]
    category.title = category_title
    category.save_revision().publish()

    assert sorted(search(client, code, q).titles) == sorted([shop["kettle"][code].title, shop["mug"][code].title])


def test_a_product_moved_to_another_category_is_found_by_its_new_category(client, shop):
    kettle = shop["kettle"]["es"]

    kettle.move(Page.objects.get(pk=shop["garden"]["es"].pk), pos="last-child")

    assert sorted(search(client, "es", "jardín").titles) == ["Hervidor", "Regadera"]
    assert search(client, "es", "cocina").titles == ["Taza"]
