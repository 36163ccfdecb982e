"""Add many generated products fast, for trying the shop (and its search) with a large catalogue.

`Page.add_child` costs several queries per page; here each batch is a handful of bulk INSERTs. The pages are
real Wagtail pages: their tree paths are computed the way treebeard computes them (the next free steps after
the category's last child), the category's `numchild` and every `url_path` are set, and each translation
shares its English page's `translation_key`. What is skipped: revisions (a page without unpublished
changes is edited from its live row), per-save signals (search index: done here in bulk unless told not to;
reference index: `manage.py rebuild_references_index`), and wagtail-localize sources (the generated texts are
not translation-memory material).
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from products.models import Product, ProductGalleryImage, ProductIndexPage, ProductPage, ProductVariant

from . import content
from .catalogue import PRODUCTS
from .images import create_image, demo_collection
from .indexing import index_objects
from .loader import DemoBuilder, building_pages, english_home, ensure_locales, index_pages
from .translations import slug_for

SKU_PREFIX = "GEN-"
BATCH_SIZE = 2000


@dataclass
class BulkResult:
    count: int
    pages: int
    category: ProductIndexPage
    indexed: bool


def catalogue_pages(locales, image_size=600):
    """The "Catalogue" category in each locale, created and translated on first use (inside `building_pages`).

    Returns `(pages by language code, created)`.
    """
    home = english_home()
    slug = slug_for(content.CATALOGUE.title.en, "en")
    english = ProductIndexPage.objects.child_of(home).filter(slug=slug).first()
    created = english is None
    if created:
        builder = DemoBuilder(image_size)
        english = builder.category(home, content.CATALOGUE)
        builder.translate([english], [locale for code, locale in locales.items() if code != settings.LANGUAGE_CODE])
    pages = {code: english.get_translation_or_none(locale) for code, locale in locales.items()}
    return {code: page for code, page in pages.items() if page is not None}, created


def picture_pool(image_size=600):
    """One picture per demo product, drawn once and shared by all the generated products made from it."""
    collection = demo_collection()
    Image = get_image_model()
    pool = []
    colours = {data.key: data.colours for data in content.CATEGORIES}
    for item in PRODUCTS:
        title = f"{item.title.en} — catalogue"
        image = Image.objects.filter(collection=collection, title=title).first()
        if image is None:
            image = create_image(
                title, f"catalogue-{item.sku.lower()}.png", colours[item.category], image_size, collection=collection
            )
        pool.append(image)
    return pool


def _next_number():
    last = Product.objects.filter(sku__startswith=SKU_PREFIX).order_by("-sku").values_list("sku", flat=True).first()
    return int(last[len(SKU_PREFIX) :]) + 1 if last else 1


def _next_child_step(parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def _body(item, language):
    rows = [
        {
            "type": "item",
            "value": {"label": getattr(k, language), "value": getattr(v, language)},
            "id": str(uuid.uuid4()),
        }
        for k, v in item.specs
    ]
    return [
        {"type": "paragraph", "value": f"<p>{getattr(item.text, language)}</p>", "id": str(uuid.uuid4())},
        {
            "type": "specifications",
            "value": {"title": getattr(content.SPECIFICATIONS, language), "rows": rows},
            "id": str(uuid.uuid4()),
        },
    ]


def _insert_product_pages(pages):
    """INSERT the ProductPage table's own columns for pages whose `wagtailcore_page` rows exist.

    Django's bulk_create refuses multi-table models, so the child rows are written directly, every local
    column prepared by its field as `Model.save()` would.
    """
    fields = ProductPage._meta.local_concrete_fields
    quote = connection.ops.quote_name
    # Table and column names come from the model's meta; the values are query parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(ProductPage._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [[f.get_db_prep_save(f.pre_save(page, add=True), connection) for f in fields] for page in pages]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _create_batch(numbers, parents, pool, content_type):
    now = timezone.now()
    items = [PRODUCTS[n % len(PRODUCTS)] for n in numbers]
    titles = [
        content.GENERATED_TITLE.format(title=item.title, number=content.T(str(n), str(n), str(n)))
        for n, item in zip(numbers, items, strict=True)
    ]
    products = Product.objects.bulk_create(
        [
            Product(
                sku=f"{SKU_PREFIX}{n:07d}",
                name=title.en,
                price=(item.price * Decimal(80 + (n * 37) % 51) / 100).quantize(Decimal("0.01")),
                for_sale=True,
            )
            for n, item, title in zip(numbers, items, titles, strict=True)
        ]
    )
    if products[0].pk is None:  # a database that cannot return ids from a bulk insert
        by_sku = Product.objects.filter(sku__in=[p.sku for p in products]).in_bulk(field_name="sku")
        products = [by_sku[p.sku] for p in products]
    ProductVariant.objects.bulk_create(
        ProductVariant(product=product, sku=product.sku, stock=0 if n % 13 == 0 else (n * 7) % 40 + 1)
        for n, product in zip(numbers, products, strict=True)
    )
    keys = [uuid.uuid4() for _n in numbers]
    gallery_keys = [uuid.uuid4() for _n in numbers]

    pages = 0
    for language, parent in parents.items():
        first_step = _next_child_step(parent)
        if first_step + len(numbers) > len(Page.alphabet) ** Page.steplen:
            raise ValueError(f"“{parent.title}” cannot hold more pages: its tree steps are used up.")
        slugs = [slug_for(getattr(title, language), language) for title in titles]
        page_rows = Page.objects.bulk_create(
            [
                Page(
                    title=getattr(title, language),
                    draft_title=getattr(title, language),
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(parent.path, parent.depth + 1, first_step + index),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    locale_id=parent.locale_id,
                    translation_key=keys[index],
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
                for index, (title, slug) in enumerate(zip(titles, slugs, strict=True))
            ]
        )
        if page_rows[0].pk is None:
            by_path = Page.objects.filter(path__in=[p.path for p in page_rows]).in_bulk(field_name="path")
            page_rows = [by_path[p.path] for p in page_rows]
        _insert_product_pages(
            [
                ProductPage(
                    id=row.pk,
                    page_ptr_id=row.pk,
                    product_id=product.pk,
                    short_description=getattr(item.short, language),
                    body=_body(item, language),
                )
                for row, product, item in zip(page_rows, products, items, strict=True)
            ]
        )
        ProductGalleryImage.objects.bulk_create(
            [
                ProductGalleryImage(
                    page_id=row.pk,
                    image=pool[n % len(pool)],
                    sort_order=0,
                    caption=getattr(content.CAPTIONS[0], language),
                    alt_text=getattr(content.ALT_TEXTS[0].format(title=title), language),
                    locale_id=parent.locale_id,
                    translation_key=gallery_keys[index],
                )
                for index, (row, n, title) in enumerate(zip(page_rows, numbers, titles, strict=True))
            ]
        )
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(page_rows))
        pages += len(page_rows)
    return pages


def _index(numbers):
    skus = [f"{SKU_PREFIX}{n:07d}" for n in numbers]
    index_objects(ProductPage.objects.filter(product__sku__in=skus).only("pk"), references=False)


def add_generated_products(count, translated=False, index=True, image_size=600, batch_size=BATCH_SIZE):
    """Add `count` products, each with a live page in the Catalogue category (and in es/ru if `translated`)."""
    locales = ensure_locales()
    with building_pages(), transaction.atomic():
        categories, created = catalogue_pages(locales, image_size)
        pool = picture_pool(image_size)
    if created:
        index_pages([categories[settings.LANGUAGE_CODE]])
    if not translated:
        categories = {settings.LANGUAGE_CODE: categories[settings.LANGUAGE_CODE]}
    content_type = ContentType.objects.get_for_model(ProductPage)
    start = _next_number()
    pages = 0
    for offset in range(0, count, batch_size):
        numbers = list(range(start + offset, start + min(offset + batch_size, count)))
        with transaction.atomic():
            parents = {code: Page.objects.select_for_update().get(pk=page.pk) for code, page in categories.items()}
            pages += _create_batch(numbers, parents, pool, content_type)
        if index:
            _index(numbers)
    return BulkResult(count, pages, categories[settings.LANGUAGE_CODE], index)
