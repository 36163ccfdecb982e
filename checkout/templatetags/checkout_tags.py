"""Template helpers for orders: country names and tax rates in the reader's language."""

from decimal import Decimal

from babel.numbers import format_percent
from django import template
from django.conf import settings
from django.utils import translation

from storefront.countries import country_names

register = template.Library()


@register.filter
def country_name(code: str, language: str | None = None) -> str:
    """'ES' → 'Spain' / 'España' / 'Испания' (the active language unless one is given)."""
    return country_names(language).get(code, code)


@register.filter
def tax_rate(rate, language: str | None = None) -> str:
    """Decimal('21.00') → '21%' / '21 %', Decimal('5.50') → '5.5%' (the active language unless one is given)."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    return format_percent(Decimal(rate) / 100, locale=language, decimal_quantization=False)
