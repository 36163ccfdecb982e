"""Template helpers for orders: country names in the reader's language."""

from django import template

from checkout.orders.forms import country_names

register = template.Library()


@register.filter
def country_name(code: str, language: str | None = None) -> str:
    """'ES' → 'Spain' / 'España' / 'Испания' (the active language unless one is given)."""
    return country_names(language).get(code, code)
