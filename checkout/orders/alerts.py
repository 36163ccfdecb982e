"""Problems that need a person reach one: an `Alert` row (the dashboard's "Needs attention" panel lists the
open ones) and, once the change that raised it commits, an email to the shop managers.

Who is emailed: `SHOP_ALERTS_EMAIL` when set (a shared mailbox), else every active member of the "Shop
managers" group with an address. The email goes out in-process right after the commit, not through the
broker: an alert is rare, and the broker may be the very thing that is failing.
"""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from storefront.mail import shop_managers_emails

from .models import Alert, Order

logger = logging.getLogger(__name__)


def raise_alert(kind: Alert.Kind, message: str, order: Order | None = None) -> Alert:
    """Record the problem and email the shop managers after commit. Logged at ERROR level too (and so sent to
    Sentry when it is configured)."""
    alert = Alert.objects.create(kind=kind, message=message[:5000], order=order)
    logger.error("NEEDS ATTENTION (%s): order %s: %s", kind, order.number if order else "—", message)
    transaction.on_commit(lambda: email_alert(alert.pk), robust=True)
    return alert


def email_alert(alert_pk: int) -> bool:
    """Email the alert to the shop managers once; True if it went out now."""
    alert = Alert.objects.select_related("order").filter(pk=alert_pk, emailed_at__isnull=True).first()
    recipients = shop_managers_emails()
    if alert is None or not recipients:
        return False
    context = {"alert": alert, "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")}
    try:
        send_mail(
            subject=f"[{settings.STORE_NAME}] {alert.get_kind_display()}: {alert.order.number if alert.order else ''}",
            message=render_to_string("checkout/emails/alert.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    except (SMTPException, OSError) as error:
        logger.error("Alert %s could not be emailed (%s); it is on the dashboard", alert.pk, error)
        return False
    Alert.objects.filter(pk=alert.pk).update(emailed_at=timezone.now())
    return True


def resolve(alert: Alert, by) -> None:
    Alert.objects.filter(pk=alert.pk, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=by)
