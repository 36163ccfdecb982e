"""The product cards of the product blocks in `products.blocks`: chosen products, and products bought together.

Fetched from the blocks' templates rather than in the blocks' `get_context`: `products.models` needs the blocks
to define its StreamFields, so the blocks cannot import the models (nor the recommender, which reads them).
"""

from django import template

from products.models import cards_for_products
from products.recommender import available_cards, products_in_context, suggest_for_products

register = template.Library()


@register.simple_tag
def product_cards(value):
    """A `ProductCardsBlock`'s cards: its chosen products that are listed in the active locale, in order."""
    return cards_for_products([p for p in value["products"] if p is not None])


@register.simple_tag(takes_context=True)
def bought_together_cards(context, value):
    """A `BoughtTogetherBlock`'s cards: products bought with the page's product (else the cart's), then the
    editor's fallback picks that are available, `value["count"]` at the most."""
    inputs = products_in_context(context)
    count = value["count"]
    cards = suggest_for_products(inputs, count)
    if len(cards) < count:
        picks = [product.pk for product in value["fallback_products"] if product is not None]
        shown = {card.product_id for card in cards}
        cards += available_cards(picks, count - len(cards), exclude=shown.union(inputs))
    return cards
