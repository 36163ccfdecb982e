"""Template helpers for orders: country names, tax rates and the money summary in the reader's language."""

from django import template

from checkout.taxes.summary import order_summary
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


@register.simple_tag
def order_money(order, refunded=None):
    """`{% order_money order as summary %}`: the order's money summary rows (`checkout.taxes.summary`), for
    `templates/includes/money_summary.html` or `.txt`."""
    return order_summary(order, refunded=refunded)
