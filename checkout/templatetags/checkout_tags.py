"""Template helpers for orders: country names and tax rates in the reader's language."""

from django import template

from storefront.countries import country_names
from storefront.money import format_rate

register = template.Library()


@register.filter
def country_name(code: str, language: str | None = None) -> str:
    """'ES' → 'Spain' / 'España' / 'Испания' (the active language unless one is given)."""
    return country_names(language).get(code, code)


@register.filter
def tax_rate(rate, language: str | None = None) -> str:
    """Decimal('21.00') → '21%' / '21 %', Decimal('5.50') → '5.5%' (the active language unless one is given)."""
    return format_rate(rate, language)
