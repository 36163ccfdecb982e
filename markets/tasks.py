"""Celery tasks of the markets app. `fetch_exchange_rates` is not in the beat schedule yet (issue #26)."""

from celery import shared_task

from . import rates


@shared_task(name="markets.fetch_exchange_rates")
def fetch_exchange_rates() -> int:
    """Fetch the ECB's daily rates and store them (see `markets.rates.update_rates`); how many were stored. A
    failed fetch raises and leaves the stored rates as they were."""
    return len(rates.update_rates())
