"""The emails to an order's customer, written in the order's language: HTML with a plain-text alternative.

The confirmation ('we received your order') and the status emails (shipped, cancelled) share one layout
(`checkout/emails/base.*`) and the lines and delivery partials (`checkout/emails/includes/`).

Everything the shopper typed goes through the template engine: escaped in the HTML part, as typed in the
text part (plain text is never interpreted as markup).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
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


CONFIRMATION = ("checkout/emails/order_confirmation", _("Your order %(number)s at %(shop)s"))
# {status: (template without its extension, subject)}: what the customer is told when the order moves there.
STATUS_EMAILS = {
    Order.Status.FULFILLED: ("checkout/emails/order_fulfilled", _("Your order %(number)s is on its way")),
    Order.Status.CANCELLED: ("checkout/emails/order_cancelled", _("Your order %(number)s was cancelled")),
}


def order_email(order: Order, template: str, subject: str, connection=None) -> EmailMultiAlternatives:
    """An email to the order's customer, ready to send: `template`.txt with `template`.html as its HTML part.
    `subject` is a lazy translation that may use %(number)s and %(shop)s."""
    with translation.override(order.language):
        context = {"order": order, "order_url": order_page_url(order), "shop_name": shop_name()}
        subject = str(subject) % {"number": order.number, "shop": context["shop_name"]}
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[order.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_email(order: Order, connection=None) -> EmailMultiAlternatives:
    """The 'we received your order' email, ready to send."""
    return order_email(order, *CONFIRMATION, connection=connection)


def status_email(order: Order, connection=None) -> EmailMultiAlternatives:
    """The email telling the customer about the order's current status (shipped or cancelled), ready to send."""
    return order_email(order, *STATUS_EMAILS[order.status], connection=connection)
