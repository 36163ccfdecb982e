"""Celery tasks of the markets app: the daily fetch of the ECB's rates (`CELERY_BEAT_SCHEDULE`)."""

import logging

from celery import shared_task

from . import alerts, rates

logger = logging.getLogger(__name__)


@shared_task(name="markets.fetch_exchange_rates")
def fetch_exchange_rates() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE, daily after the ECB publishes): fetch the ECB's rates and store them (see
    `markets.rates.update_rates`); how many were stored. A failed fetch leaves the stored rates as they were and
    raises (the task shows as failed); either way the shop managers are alerted once the fetched rates are
    `RATES_STALE_AFTER` old (`markets.alerts`). Storing a rate purges its markets' pages (`markets.signals`)."""
    try:
        return len(rates.update_rates())
    finally:
        alerts.alert_if_stale()
