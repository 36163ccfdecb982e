"""The order confirmation email, written in the order's language: HTML with a plain-text alternative.

Everything the shopper typed goes through the template engine: escaped in the HTML part, as typed in the
text part (plain text is never interpreted as markup).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.models import ShopSettings

from .models import Order


def site_root_url() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def shop_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (ShopSettings.for_site(site).shop_name if site else "") or settings.STORE_NAME


def order_page_url(order: Order) -> str:
    """The absolute link to the order page, in the order's language."""
    with translation.override(order.language):
        return site_root_url() + reverse("checkout:order", kwargs={"token": order.token})


def confirmation_email(order: Order, connection=None) -> EmailMultiAlternatives:
    """The 'we received your order' email, ready to send."""
    with translation.override(order.language):
        context = {"order": order, "order_url": order_page_url(order), "shop_name": shop_name()}
        subject = _("Your order %(number)s at %(shop)s") % {"number": order.number, "shop": context["shop_name"]}
        text = render_to_string("checkout/emails/order_confirmation.txt", context)
        html = render_to_string("checkout/emails/order_confirmation.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[order.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message
