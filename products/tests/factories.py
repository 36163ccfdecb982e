"""Factories for the catalog: commercial products and their pages in one or more locales."""

import io
from decimal import Decimal

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import HomePage
from products.models import Product, ProductGalleryImage, ProductIndexPage, ProductPage


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Product {n}")
    price = Decimal("19.90")
    stock = 10
    for_sale = True


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
