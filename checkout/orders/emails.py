"""The emails to an order's customer, written in the order's language: HTML with a plain-text alternative.

The confirmation ('we received your order') and the status emails (shipped, cancelled) share one layout
(`checkout/emails/base.*`) and the lines and delivery partials (`checkout/emails/includes/`).

Each is sent once, by one task at a time, without locking the order while the mail server answers
(`send_confirmation`, `send_status_email`, called by the tasks in `checkout.tasks`), with a Message-ID
made of the order number and the kind of email.
An email whose task never ran (the broker was down when the order or payment committed, or the task gave up
after its retries) is found by the `orders_missing_…` queries at the end, and queued again by the periodic
`checkout.tasks.catch_up_emails`: queuing twice is harmless, since each email is sent at most once.
Everything the shopper typed goes through the template engine: escaped in the HTML part, as typed in the
text part (plain text is never interpreted as markup).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from home.models import ShopSettings
from storefront.mail import message_id, send_once

from .models import Order, OrderEvent

logger = logging.getLogger(__name__)


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
    Order.Status.SHIPPED: ("checkout/emails/order_shipped", _("Your order %(number)s is on its way")),
    Order.Status.CANCELLED: ("checkout/emails/order_cancelled", _("Your order %(number)s was cancelled")),
}


def order_email(
    order: Order, template: str, subject: str, kind: str, connection=None, extra_context=None
) -> EmailMultiAlternatives:
    """An email to the order's customer, ready to send: `template`.txt with `template`.html as its HTML part.
    `subject` is a lazy translation that may use %(number)s and %(shop)s; `kind` names it in its Message-ID."""
    with translation.override(order.language):
        context = {"order": order, "order_url": order_page_url(order), "shop_name": shop_name()}
        context.update(extra_context or {})
        subject = str(subject) % {"number": order.number, "shop": context["shop_name"]}
        context["subject"] = " ".join(subject.split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=text,
        to=[order.email],
        connection=connection,
        headers={"Message-ID": message_id(f"order-{order.number}", kind)},
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_email(order: Order, connection=None) -> EmailMultiAlternatives:
    """The 'we received your order' email, ready to send."""
    return order_email(order, *CONFIRMATION, "confirmation", connection=connection)


def status_email(order: Order, connection=None) -> EmailMultiAlternatives:
    """The email telling the customer about the order's current status (shipped or cancelled), ready to send."""
    return order_email(order, *STATUS_EMAILS[order.status], order.status, connection=connection)


PAYMENT_REFUNDED = ("checkout/emails/payment_refunded", _("Your payment for order %(number)s was refunded"))


def refunded_payment_email(refund, connection=None) -> EmailMultiAlternatives:
    """The email telling the customer that a payment the shop could not accept was given back, and why
    (`refund.reason`: a key of `REFUND_REASONS`)."""
    why = REFUND_REASONS.get(refund.reason, REFUND_REASONS["amount_mismatch"])
    return order_email(
        refund.order,
        *PAYMENT_REFUNDED,
        f"refund-{refund.pk}",
        connection=connection,
        extra_context={"refund": refund, "why": why},
    )


# Why a payment was given back, as the customer reads it.
REFUND_REASONS = {
    "coupon_used_up": _("the discount code of your order had been used up by the time your payment arrived"),
    "order_expired": _("the time to pay for your order was over, and its products were released"),
    "already_paid": _("your order had already been paid"),
    "order_cancelled": _("your order had been cancelled"),
    "amount_mismatch": _("the amount paid did not match your order's total"),
}


def send_confirmation(order_pk: int) -> bool:
    """Send the order's confirmation email unless it was sent already; True if this call sent it.

    At most one task sends it at a time, and no row stays locked while the mail server answers: the task first
    claims the email (one atomic `UPDATE` of `confirmation_claimed_at`, see `storefront.mail.send_once`), sends it
    outside any transaction within `EMAIL_SEND_DEADLINE`, then records `confirmation_sent_at`. A payment of the
    same order therefore never waits for the mail server. A failed send gives the claim back and raises, so the
    task retries; a task that finds the email claimed by a running one raises `SendInProgress` and retries
    later (then finds it sent). The one window left: the worker dies after the mail server stored the message
    and before the timestamp is recorded; the email goes out again once the claim is stale (README, "Emails never
    hold money hostage").
    """
    return _send_once(order_pk, "confirmation_sent_at", confirmation_email, "confirmation")


def send_status_email(order_pk: int, status: str) -> bool:
    """Tell the customer their order was shipped or cancelled, once; True if this call sent the email.

    Exactly once as `send_confirmation` is, with the timestamp of `Order.STATUS_EMAIL_SENT_AT`; an order
    no longer in `status` (both are final, so only a bug would do that) gets nothing.
    """
    status = Order.Status(status)
    return _send_once(order_pk, Order.STATUS_EMAIL_SENT_AT[status], status_email, f"{status} status", status=status)


def _send_once(order_pk: int, sent_at_field: str, build, kind: str, *, status=None) -> bool:
    """Send `build(order)` once through `storefront.mail.send_once` (see `send_confirmation`)."""
    return send_once(
        Order.objects.filter(**({"status": status} if status else {})),
        order_pk,
        sent_field=sent_at_field,
        claimed_field=Order.EMAIL_CLAIMED_AT[sent_at_field],
        build=build,
        describe=lambda order: f"Order {order.number}: its {kind} email",
        stamp=("updated_at",),
    )


# --- Emails whose task never ran -----------------------------------------------------------------


def catch_up_window(now, within):
    """From `within` ago up to `EMAIL_CATCH_UP_AFTER_SECONDS` (a setting) ago: the queued task had its chance to run
    first."""
    return now - within, now - timedelta(seconds=settings.EMAIL_CATCH_UP_AFTER_SECONDS)


def orders_missing_confirmation(now=None):
    """Orders whose confirmation email was never sent: pending ones still payable (the email invites to pay), and
    paid ones (the email confirms what they bought: the broker may have been down from placing to paying, and
    then no task was ever queued for it)."""
    now = now or timezone.now()
    oldest, newest = catch_up_window(now, timedelta(days=1))
    payable = Q(status=Order.Status.PENDING, reserved_until__gt=now)
    return Order.objects.filter(
        payable | Q(status__in=Order.PAID_STATUSES),
        confirmation_sent_at__isnull=True,
        created_at__range=(oldest, newest),
    )


def orders_missing_invoice_email(now=None):
    """Paid orders whose invoice was never issued or never emailed."""
    now = now or timezone.now()
    oldest, newest = catch_up_window(now, timedelta(days=settings.EMAIL_CATCH_UP_DAYS))
    return (
        Order.objects.paid()
        .filter(paid_at__range=(oldest, newest))
        .filter(Q(invoice__isnull=True) | Q(invoice__emailed_at__isnull=True))
    )


def orders_missing_status_email(status, now=None):
    """Orders moved to `status` (shipped or cancelled) whose email about it was never sent.

    As `checkout.orders.services.cancel_order` does, only a cancellation by a shop manager (the move has an actor)
    is emailed; the shop's own cancellation (a coupon that stopped applying) was told on the page.
    """
    now = now or timezone.now()
    oldest, newest = catch_up_window(now, timedelta(days=settings.EMAIL_CATCH_UP_DAYS))
    moves = OrderEvent.objects.filter(order=OuterRef("pk"), to_status=status, created_at__range=(oldest, newest))
    if status == Order.Status.CANCELLED:
        moves = moves.filter(actor__isnull=False)
    sent_at_field = Order.STATUS_EMAIL_SENT_AT[status]
    return Order.objects.filter(Exists(moves), status=status, **{f"{sent_at_field}__isnull": True})
