from django import template

register = template.Library()


@register.filter
def coupon_description(coupon, language):
    """`{{ coupon|coupon_description:LANGUAGE_CODE }}`: the shopper's description, English where it is missing."""
    return coupon.description_for(language) if coupon else ""
