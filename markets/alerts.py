"""Exchange rates that stopped coming: the shop managers are told once the fetched rates are 48 hours old.

A fetched (ECB) rate's row is written again by every successful daily fetch (`ExchangeRate.updated_at`), even on a
weekend when the ECB's file still holds Friday's rates, so "the last fetch that worked" is the newest `updated_at`
of the ECB rates of the markets' currencies. Once that is `RATES_STALE_AFTER` old (48 hours by default), the last
rates stay in force (nothing is deleted or guessed) and:

- the admin's dashboard shows a warning to whoever may edit exchange rates (`RatesPanel`, `markets.wagtail_hooks`);
- the shop managers get one email per episode (`alert_if_stale`, run by the daily task after each attempt):
  `SHOP_ALERTS_EMAIL` when set, else the "Shop managers" group, the same people the order alerts reach
  (`checkout.orders.alerts`, a layer above this one, which this app cannot import). The next fetch that works
  ends the episode.

A currency only a shop manager sets (a manual rate, such as the rouble's) is theirs to keep current: it is listed
on the panel with its date, and never alerted about.
"""

import datetime
import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from storefront.mail import shop_managers_emails

from .caching import cached_markets
from .models import ExchangeRate, ExchangeRateSource, base_currency

logger = logging.getLogger(__name__)

ALERTED_KEY = "markets:rates-alerted"  # the `updated_at` of the stale rates last alerted about


def fetched_currencies() -> list[str]:
    """The markets' currencies other than the base one, sorted."""
    return sorted({market.currency for market in cached_markets()} - {base_currency()})


def last_fetched() -> datetime.datetime | None:
    """When the ECB rates of the markets' currencies were last written by a fetch, or None if never."""
    return ExchangeRate.objects.filter(currency__in=fetched_currencies(), source=ExchangeRateSource.ECB).aggregate(
        at=Max("updated_at")
    )["at"]


def stale_since(now=None) -> datetime.datetime | None:
    """The last fetch's time when it is `RATES_STALE_AFTER` or more ago, else None (fresh, or never fetched)."""
    now = now or timezone.now()
    fetched = last_fetched()
    if fetched is None or now - fetched < settings.RATES_STALE_AFTER:
        return None
    return fetched


def alert_if_stale(now=None) -> bool:
    """Email the shop managers when the fetched rates went stale, once per episode; True if an email went now."""
    since = stale_since(now)
    if since is None or cache.get(ALERTED_KEY) == since.isoformat():
        return False
    message = _(
        "The exchange rates have not been updated since %(when)s: the European Central Bank's file could not be "
        "fetched. The last rates stay in force. Check the exchange rates under Shop in the admin."
    ) % {"when": timezone.localtime(since).strftime("%Y-%m-%d %H:%M")}
    logger.error("NEEDS ATTENTION (exchange rates): %s", message)
    recipients = shop_managers_emails()
    if not recipients:
        return False
    try:
        send_mail(f"[{settings.STORE_NAME}] {_('Exchange rates are out of date')}", message, None, recipients)
    except (SMTPException, OSError) as error:
        logger.error("The stale rates alert could not be emailed (%s); it is on the dashboard", error)
        return False
    cache.set(ALERTED_KEY, since.isoformat(), timeout=None)
    return True


class RatesPanel(Component):
    """The admin dashboard's warning that the fetched rates are stale (nothing when they are fresh), with the date
    of each market currency's rate in force. One query when fresh."""

    name = "exchange_rates"
    template_name = "markets/admin/rates_panel.html"
    order = 95

    since = None

    def render_html(self, parent_context=None):
        self.since = stale_since()
        return "" if self.since is None else super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        rates = [(currency, ExchangeRate.objects.latest_for(currency)) for currency in fetched_currencies()]
        return {"since": self.since, "rates": rates}
