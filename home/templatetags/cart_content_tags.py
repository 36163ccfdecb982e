"""The cart page's editable content, for the cart template to include."""

from django import template

from home.models import CartPageContent

register = template.Library()


@register.simple_tag
def cart_page_content():
    """The current locale's `CartPageContent` (else the default locale's), or None."""
    return CartPageContent.for_locale()
