"""Build the demo shop: locales, categories, forty products with pictures, the home page, the text under the
cart, and their translations.

One transaction: a failure leaves the database as it was. Nothing existing is deleted or overwritten; the
home page only gets a body and a hero image if it has none, and its existing translations keep their content
unless the English home page just got the demo's.
"""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from home.models import CartPageContent, HomePage
from products.cache import purges_held
from products.models import (
    OptionType,
    OptionValue,
    Product,
    ProductGalleryImage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
)

from . import content
from .catalogue import PRODUCTS
from .images import create_image, demo_collection
from .indexing import deferred_indexing, index_objects
from .translations import Glossary, publish_latest, slug_for, translate_instance
from .variants import OPTION_TYPES, VARIANTS

MARKER_SKU = PRODUCTS[0].sku
LOCAL_ADMIN = ("admin", "admin")


class DemoError(Exception):
    """The demo cannot be loaded into this database as it is (the message says why and what to do)."""


@dataclass
class DemoReport:
    categories: list = field(default_factory=list)
    product_pages: list = field(default_factory=list)
    images: int = 0
    missing: list = field(default_factory=list)


def demo_present():
    return Product.objects.filter(sku=MARKER_SKU).exists()


def ensure_locales():
    """The content locales from settings, English (the default language) first."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}


def create_option_values(locales) -> dict[tuple[str, str], OptionValue]:
    """The demo's option types and values (`demo.variants`) in the default language, with their translations
    (rows sharing a translation key, as wagtail-localize makes them): {(type key, value key): value}."""
    default = locales[settings.LANGUAGE_CODE]
    values = {}
    for type_key, (type_name, type_values) in OPTION_TYPES.items():
        kind = OptionType.objects.create(name=getattr(type_name, default.language_code), locale=default)
        translated_kinds = {
            code: OptionType.objects.create(
                name=getattr(type_name, code), locale=locale, translation_key=kind.translation_key
            )
            for code, locale in locales.items()
            if locale != default
        }
        for order, (value_key, name) in enumerate(type_values.items()):
            value = OptionValue.objects.create(
                option_type=kind, name=getattr(name, default.language_code), locale=default, sort_order=order
            )
            for code, translated in translated_kinds.items():
                OptionValue.objects.create(
                    option_type=translated,
                    name=getattr(name, code),
                    locale=locales[code],
                    sort_order=order,
                    translation_key=value.translation_key,
                )
            values[type_key, value_key] = value
    return values


def create_variants(products, items, locales) -> None:
    """Each demo product's variants: those `demo.variants.VARIANTS` lists, else one with its SKU and stock."""
    values = create_option_values(locales)
    for item in items:
        product = products[item.sku]
        for order, (sku, options, stock, price) in enumerate(
            VARIANTS.get(item.sku, [(item.sku, {}, item.stock, None)])
        ):
            variant = ProductVariant(product=product, sku=sku, stock=stock, price=price, sort_order=order)
            variant.option_values.set([values[type_key, value_key] for type_key, value_key in options.items()])
            variant.save()


def ensure_locale_sync(locales, source=None):
    """Every other locale synchronises from the default one: new English pages appear there as aliases."""
    source = source or locales[settings.LANGUAGE_CODE]
    for locale in locales.values():
        if locale != source and not LocaleSynchronization.objects.filter(locale=locale).exists():
            LocaleSynchronization.objects.create(locale=locale, sync_from=source)


def ensure_local_admin():
    """Create the `admin`/`admin` superuser for local development, unless a user of that name exists."""
    username, password = LOCAL_ADMIN
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return False
    User.objects.create_superuser(username=username, email="admin@example.com", password=password)
    return True


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _bought_together(heading, fallback_product_ids):
    return _block(
        "bought_together", {"heading": heading, "count": 4, "fallback_products": _items(fallback_product_ids)}
    )


def _items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


class DemoBuilder:
    """Creates the English pages, registering every text in a glossary, then translates them all."""

    def __init__(self, image_size=600):
        self.image_size = image_size
        self.glossary = Glossary()
        self.report = DemoReport()
        self.collection = demo_collection()

    def image(self, title, file_name, colours, width=None, height=None, variant=0):
        self.report.images += 1
        width = width or self.image_size
        return create_image(title, file_name, colours, width, height, variant, self.collection)

    def category(self, parent, data):
        size = self.image_size
        page = ProductIndexPage(
            title=self.glossary.title(data.title),
            slug=find_available_slug(parent, slug_for(data.title.en, "en")),
            intro=self.glossary.paragraph(data.intro),
            image=self.image(data.title.en, f"category-{data.key}.png", data.colours, size, size * 2 // 3),
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.categories.append(page)
        return page

    def product(self, category_page, category, item, product, partners):
        """The product's page; `partners` are the products its "bought together" block falls back to."""
        glossary = self.glossary
        body = [
            _block("paragraph", glossary.paragraph(item.text) + glossary.paragraph(category.note)),
            _block(
                "specifications",
                {
                    "title": glossary.text(content.SPECIFICATIONS),
                    "rows": _items([{"label": glossary.text(k), "value": glossary.text(v)} for k, v in item.specs]),
                },
            ),
        ]
        if item.photo:
            photo = self.image(
                f"{item.title.en} — studio",
                f"{item.sku.lower()}-studio.png",
                category.colours,
                height=self.image_size * 3 // 4,
                variant=3,
            )
            body.append(
                _block(
                    "image",
                    {
                        "image": photo.pk,
                        "alt_text": glossary.text(content.PHOTO_ALT.format(title=item.title)),
                        "caption": glossary.text(content.PHOTO_CAPTION),
                    },
                )
            )
        if item.quote:
            body.append(
                _block(
                    "quote",
                    {"text": glossary.text(item.quote.text), "attribution": glossary.text(item.quote.attribution)},
                )
            )
        # No heading: the block's own, translated "Customers also bought".
        body.append(_bought_together("", [partner.pk for partner in partners]))
        page = ProductPage(
            title=glossary.title(item.title),
            slug=find_available_slug(category_page, slug_for(item.title.en, "en")),
            product=product,
            short_description=glossary.text(item.short),
            body=body,
        )
        for index in range(item.gallery):
            caption = content.CAPTIONS[index]
            image = self.image(
                f"{item.title.en} — {caption.en}",
                f"{item.sku.lower()}-{index + 1}.png",
                category.colours,
                variant=index,
            )
            page.gallery_images.add(
                ProductGalleryImage(
                    image=image,
                    sort_order=index,
                    caption=glossary.text(caption),
                    alt_text=glossary.text(content.ALT_TEXTS[index].format(title=item.title)),
                )
            )
        category_page.add_child(instance=page)
        page.save_revision().publish()
        self.report.product_pages.append(page)
        return page

    def home(self, home):
        """Register the home page's texts; give it a body and a hero image if it has none."""
        glossary = self.glossary
        glossary.title(content.HOME_TITLE)
        glossary.text(content.HOME_SLUG)
        glossary.text(content.HERO_HEADING)
        glossary.text(content.HERO_TEXT)
        changed = False
        if not home.hero_image_id:
            home.hero_image = self.image(
                content.HOME_TITLE.en,
                "home-hero.png",
                ("#e07a5f", "#3d5a80"),
                self.image_size * 2,
                self.image_size * 2 // 3,
            )
            changed = True
        if not home.body:
            featured = Product.objects.filter(sku__in=content.FEATURED_SKUS).in_bulk(field_name="sku")
            home.body = [
                _block("paragraph", "".join(glossary.paragraph(p) for p in content.HOME_PARAGRAPHS)),
                _block(
                    "product_cards",
                    {
                        "heading": glossary.text(content.FEATURED_HEADING),
                        "products": _items([featured[sku].pk for sku in content.FEATURED_SKUS]),
                    },
                ),
                _block(
                    "quote",
                    {
                        "text": glossary.text(content.HOME_QUOTE.text),
                        "attribution": glossary.text(content.HOME_QUOTE.attribution),
                    },
                ),
            ]
            changed = True
        if changed:
            home.save_revision().publish()
            home.refresh_from_db()
        return home, changed

    def cart_content(self, locales):
        """The text and suggestions under the cart, in English and translated, unless the shop has its own."""
        if CartPageContent.objects.exists():
            return
        glossary = self.glossary
        featured = Product.objects.filter(sku__in=content.FEATURED_SKUS).in_bulk(field_name="sku")
        english = CartPageContent.objects.create(
            locale=locales[settings.LANGUAGE_CODE],
            body=[
                _block("paragraph", glossary.paragraph(content.CART_NOTE)),
                _bought_together(
                    glossary.text(content.CART_SUGGESTIONS_HEADING), [featured[sku].pk for sku in content.FEATURED_SKUS]
                ),
            ],
        )
        targets = [locale for code, locale in locales.items() if code != settings.LANGUAGE_CODE]
        _translated, missing = translate_instance(english, targets, glossary)
        self.report.missing.extend(missing)

    def translate(self, pages, locales):
        for page in pages:
            translated, missing = translate_instance(page, locales, self.glossary)
            self.report.missing.extend(missing)
            for translation in translated.values():
                publish_latest(translation)


def _has_own_translation(page, locale):
    return page.get_translations().filter(locale=locale, alias_of__isnull=True).exists()


def english_home():
    """The default site's root page: the English home the shop hangs from."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    if not isinstance(root, HomePage):
        raise DemoError("The default site's root page is not a home page; run the migrations first.")
    return root


@contextmanager
def building_pages():
    """Page building with Wagtail's per-save side effects held back.

    wagtail-localize first copies each translated page under its English slug, then renames it; Wagtail would
    keep a redirect from every such never-published URL, so automatic redirects are off meanwhile. Search and
    reference indexing are deferred: call `index_pages` afterwards. The page cache is purged once, at the end,
    rather than for each page published (`products.cache.purges_held`).
    """
    with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False), deferred_indexing(), purges_held():
        yield


@transaction.atomic
def index_pages(pages):
    """Index `pages`, their translations and the demo pictures, once each."""
    translations = Page.objects.filter(translation_key__in=[p.translation_key for p in pages]).specific()
    index_objects([*translations, *get_image_model().objects.filter(collection=demo_collection())])


def load_demo_shop(image_size=600):
    """Build the whole demo shop (the caller checks `demo_present()` first). Returns a `DemoReport`."""
    with building_pages():
        report = _build(image_size)
    index_pages([*report.categories, *report.product_pages, english_home()])
    return report


@transaction.atomic
def _build(image_size):
    clashes = list(Product.objects.filter(sku__in=[item.sku for item in PRODUCTS]).values_list("sku", flat=True))
    if clashes:
        raise DemoError(f"Products with demo SKUs already exist ({', '.join(sorted(clashes)[:5])}).")
    locales = ensure_locales()
    # Before the demo pages exist, so that synchronising (which walks the whole tree) has little to walk.
    ensure_locale_sync(locales)
    builder = DemoBuilder(image_size)
    home = english_home()

    pages_by_key = {}
    for data in content.CATEGORIES:
        parent = pages_by_key[data.parent] if data.parent else home
        pages_by_key[data.key] = builder.category(parent, data)
    categories = {data.key: data for data in content.CATEGORIES}
    products = {
        item.sku: Product.objects.create(sku=item.sku, name=item.title.en, price=item.price, for_sale=item.for_sale)
        for item in PRODUCTS
    }
    create_variants(products, PRODUCTS, locales)
    for item in PRODUCTS:
        partners = [products[other.sku] for other in PRODUCTS if other.category == item.category and other is not item]
        builder.product(pages_by_key[item.category], categories[item.category], item, products[item.sku], partners[:4])
    home, home_changed = builder.home(home)

    targets = [locale for code, locale in locales.items() if code != settings.LANGUAGE_CODE]
    # An existing translated home page keeps its content unless the English one just got the demo's.
    home_targets = targets if home_changed else [locale for locale in targets if not _has_own_translation(home, locale)]
    builder.translate([home], home_targets)
    builder.translate([*builder.report.categories, *builder.report.product_pages], targets)
    builder.cart_content(locales)
    return builder.report
