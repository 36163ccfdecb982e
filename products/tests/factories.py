"""Factories for the catalog: commercial products and their pages in one or more locales."""

import io
from decimal import Decimal

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import HomePage
from products.models import (
    OptionType,
    OptionValue,
    Product,
    ProductGalleryImage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
)


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    sku = factory.Sequence(lambda n: f"VAR-{n:05d}")
    stock = 10
    for_sale = True


class ProductFactory(factory.django.DjangoModelFactory):
    """A product with its one default variant, which carries the product's SKU and `stock` and sells at the
    product's price: what a product without options is. `ProductFactory(default_variant=None)` makes none."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    class Params:
        stock = 10

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Product {n}")
    price = Decimal("19.90")
    for_sale = True
    default_variant = factory.RelatedFactory(
        ProductVariantFactory,
        factory_related_name="product",
        sku=factory.SelfAttribute("..sku"),
        stock=factory.SelfAttribute("..stock"),
    )


def option_type(name, values):
    """An option type ("Size") with its values (["S", "M"]) in the default language: (type, {name: value})."""
    kind = OptionType.objects.create(name=name, locale=locale("en"))
    made = {
        value: OptionValue.objects.create(option_type=kind, name=value, locale=kind.locale, sort_order=index)
        for index, value in enumerate(values)
    }
    return kind, made


def add_variant(product, sku, stock=10, price=None, options=(), **fields):
    """A variant of `product` with the given option values."""
    variant = ProductVariant(product=product, sku=sku, stock=stock, price=price, **fields)
    variant.option_values.set(options)  # a ParentalManyToManyField: written by the save below
    variant.save()
    return variant


def variant_of(product) -> ProductVariant:
    """The product's one (default) variant, fresh from the database."""
    return ProductVariant.objects.get(product=product)


def make_image(title="Test image", color=(200, 120, 40), size=(64, 64)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def english_home():
    return HomePage.objects.get(locale__language_code="en", depth=2)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_category(parent, title, **fields):
    page = ProductIndexPage(title=title, **fields)
    parent.add_child(instance=page)
    return publish(page)


def add_product_page(category, product=None, title=None, images=0, **fields):
    product = product or ProductFactory()
    page = ProductPage(
        title=title or product.name,
        product=product,
        short_description=fields.pop("short_description", f"All about {product.name}."),
        **fields,
    )
    for index in range(images):
        page.gallery_images.add(
            ProductGalleryImage(image=make_image(f"{product.sku}-{index}"), caption=f"View {index}")
        )
    category.add_child(instance=page)
    return publish(page)


def translate(page, code, publish_it=True, **fields):
    """A translation of `page` (its parents must be translated already), optionally with edited fields."""
    translated = page.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    if publish_it:
        publish(translated)
    return translated


def kitchen(parent):
    """(category, kettle page, mug page): Kitchen › Kettle (KET-1, 24.50, 10 in stock) and Mug (MUG-1, 8.00, 3 in
    stock), published under `parent` in its language. The one catalog of the tests: `shop` and `catalog` use it."""
    category = add_category(parent, "Kitchen")
    kettle = ProductFactory(sku="KET-1", name="Kettle", price=Decimal("24.50"), stock=10)
    mug = ProductFactory(sku="MUG-1", name="Mug", price=Decimal("8.00"), stock=3)
    return category, add_product_page(category, kettle), add_product_page(category, mug)


def english_shop():
    """The kitchen in English only (faster than `catalog`, for tests that need no translations):
    {'kettle': Product, 'mug': Product, 'category': page, 'pages': {'kettle': page, 'mug': page}}."""
    category, kettle, mug = kitchen(english_home())
    return {"kettle": kettle.product, "mug": mug.product, "category": category, "pages": {"kettle": kettle, "mug": mug}}


def staff_user(group_name, username=None):
    """A staff member in one of the groups of `home.groups` (made first, with their permissions)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from home.groups import ensure_groups

    ensure_groups()
    username = username or group_name.lower().replace(" ", "-")
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-staff-1")
    user.groups.add(Group.objects.get(name=group_name))
    return user
