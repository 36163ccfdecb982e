"""Everything a shopper reads on a product, category or home page is a wagtail-localize segment; prices never are."""

import json
import uuid

import pytest
from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource

from products.tests import factories


def _segments(page):
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = StringSegment.objects.filter(source=source).select_related("context", "string")
    return source, {segment.context.path: segment.string.data for segment in strings}


def _block_paths(segments, page, prefix):
    """Map "body.<block id>.<rest>" paths to "body.<block type>.<rest>" for readable assertions."""
    types = {block.id: block.block_type for block in page.body}
    readable = {}
    for path, text in segments.items():
        if path.startswith(prefix + "."):
            _field, block_id, *rest = path.split(".")
            rest = [part if not _looks_like_uuid(part) else "*" for part in rest]
            readable[".".join([prefix, types[block_id], *rest])] = text
    return readable


def _looks_like_uuid(part):
    return len(part) == 36 and part.count("-") == 4


def _item(value):
    """A ListBlock item as the admin saves it. wagtail-localize skips list items stored without an id."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def full_product_page(catalog):
    image = factories.make_image("teapot")
    product = factories.ProductFactory(sku="TEA-1", name="Teapot", price="42.00")
    page = factories.add_product_page(
        catalog["category"]["en"],
        product,
        title="Teapot",
        slug="teapot",
        short_description="A round teapot.",
        seo_title="Round teapot | Shop",
        search_description="Buy a round teapot.",
        images=2,
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Brews six cups.</p>"},
                {"type": "image", "value": {"image": image.pk, "alt_text": "A teapot", "caption": "Our teapot"}},
                {
                    "type": "gallery",
                    "value": {"images": [_item({"image": image.pk, "alt_text": "Spout", "caption": "The spout"})]},
                },
                {"type": "quote", "value": {"text": "Best tea ever.", "attribution": "Ann"}},
                {
                    "type": "specifications",
                    "value": {"title": "Details", "rows": [_item({"label": "Volume", "value": "1.2 litres"})]},
                },
                {"type": "product_cards", "value": {"heading": "Goes well with", "products": [product.pk]}},
            ]
        ),
    )
    for index, gallery_image in enumerate(page.gallery_images.all()):
        gallery_image.alt_text = f"Teapot from side {index}"
        gallery_image.save()
    return factories.publish(page)


def test_page_fields_are_segments(full_product_page):
    _source, segments = _segments(full_product_page)

    assert segments["title"] == "Teapot"
    assert segments["slug"] == "teapot"
    assert segments["short_description"] == "A round teapot."
    assert segments["seo_title"] == "Round teapot | Shop"
    assert segments["search_description"] == "Buy a round teapot."


def test_every_block_type_text_is_a_segment(full_product_page):
    _source, segments = _segments(full_product_page)

    assert _block_paths(segments, full_product_page, "body") == {
        "body.paragraph": "Brews six cups.",
        "body.image.alt_text": "A teapot",
        "body.image.caption": "Our teapot",
        "body.gallery.images.*.alt_text": "Spout",
        "body.gallery.images.*.caption": "The spout",
        "body.quote.text": "Best tea ever.",
        "body.quote.attribution": "Ann",
        "body.specifications.title": "Details",
        "body.specifications.rows.*.label": "Volume",
        "body.specifications.rows.*.value": "1.2 litres",
        "body.product_cards.heading": "Goes well with",
    }


def test_gallery_inline_captions_and_alt_texts_are_segments(full_product_page):
    _source, segments = _segments(full_product_page)

    inline = [(path, text) for path, text in segments.items() if path.startswith("gallery_images.")]
    gallery = sorted((path.split(".")[-1], text) for path, text in inline)
    assert gallery == [
        ("alt_text", "Teapot from side 0"),
        ("alt_text", "Teapot from side 1"),
        ("caption", "View 0"),
        ("caption", "View 1"),
    ]


def test_the_product_is_never_a_segment_nor_overridable(full_product_page):
    source, segments = _segments(full_product_page)

    assert not [path for path in segments if path.startswith("product")]
    overridable = set(OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True))
    assert not [path for path in overridable if path.startswith("product")]
    assert json.loads(source.content_json)["product"] == full_product_page.product_id


def test_category_and_home_fields_are_segments(catalog, homes):
    category = catalog["category"]["en"]
    category.intro = "<p>Pots and pans.</p>"
    factories.publish(category)
    home = homes["en"]
    home.hero_heading = "Welcome"
    home.hero_text = "Good things for the kitchen."
    home.body = json.dumps([{"type": "quote", "value": {"text": "Tea time.", "attribution": ""}}])
    factories.publish(home)

    _source, category_segments = _segments(category)
    _source, home_segments = _segments(home)

    assert category_segments["title"] == "Kitchen"
    assert category_segments["intro"] == "Pots and pans."
    assert home_segments["hero_heading"] == "Welcome"
    assert home_segments["hero_text"] == "Good things for the kitchen."
    assert "Tea time." in home_segments.values()
