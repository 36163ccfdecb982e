"""StreamField blocks editors use on product, category and home pages.

Every text a shopper reads is a CharBlock/TextBlock/RichTextBlock so wagtail-localize offers it as a segment;
products are chosen, never typed, so their price and stock always come live from `Product`.

The blocks only define fields: `products.models` builds its StreamFields from them, so they import neither the
models nor the recommender. The product blocks' templates fetch their cards with `product_block_tags`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), required=False, help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "blocks/gallery_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class SpecificationRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Property"))
    value = blocks.CharBlock(label=_("Value"))

    class Meta:
        icon = "list-ul"
        label = _("Row")


class SpecificationTableBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    rows = blocks.ListBlock(SpecificationRowBlock(), label=_("Rows"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Specification table")
        template = "blocks/specification_table_block.html"


class ProductCardsBlock(blocks.StructBlock):
    """Cards for chosen products, showing their live price and stock in the visitor's language."""

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    products = blocks.ListBlock(SnippetChooserBlock("products.Product"), label=_("Products"), min_num=1)

    class Meta:
        icon = "pick"
        label = _("Product cards")
        template = "blocks/product_cards_block.html"  # its cards: `product_block_tags.product_cards`


class BoughtTogetherBlock(blocks.StructBlock):
    """Products bought together with the page's product (or with the cart), then the editor's picks."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, help_text=_("Empty: “Customers also bought”."))
    count = blocks.IntegerBlock(label=_("How many"), default=4, min_value=1, max_value=12)
    fallback_products = blocks.ListBlock(
        SnippetChooserBlock("products.Product"),
        label=_("Fallback products"),
        min_num=0,
        help_text=_("Shown when there are not enough suggestions, e.g. before anything has been sold."),
    )

    class Meta:
        icon = "pick"
        label = _("Bought together")
        template = "blocks/bought_together_block.html"  # its cards: `product_block_tags.bought_together_cards`


class ContentStreamBlock(blocks.StreamBlock):
    """The body of product, category and home pages."""

    paragraph = blocks.RichTextBlock(
        label=_("Rich text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    specifications = SpecificationTableBlock()
    product_cards = ProductCardsBlock()
    bought_together = BoughtTogetherBlock()
