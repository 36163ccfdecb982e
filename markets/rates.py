"""The European Central Bank's euro reference rates: fetch, parse, store relative to the base currency.

The ECB publishes once a working day, around 16:00 CET, how many units of some 30 currencies one euro buys
(`eurofxref-daily.xml`, `settings.ECB_RATES_URL`). The shop stores rates against its base currency
(`settings.BASE_CURRENCY`): with a US-dollar base, EUR = 1 / (USD per euro) and JPY = (JPY per euro) / (USD per
euro). A currency the ECB does not publish (the rouble since March 2022) needs a manual rate.

A failed fetch raises `RatesUnavailable` and changes nothing: the last stored rates stay in force. A rate a shop
manager set for a date (a manual override) is never replaced by the ECB's rate of that date.
"""

import datetime
from decimal import Decimal, InvalidOperation

import requests
from defusedxml import ElementTree
from django.conf import settings
from django.db import transaction

from .models import ExchangeRate, ExchangeRateSource, base_currency

ECB_NAMESPACE = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}"
# Far more than the daily file (about 1.6 KB) ever weighs: a bigger answer is not the ECB's file.
MAX_RESPONSE_BYTES = 1024 * 1024
# The stored precision (ExchangeRate.rate has ten decimals).
RATE_STEP = Decimal("0.0000000001")


class RatesUnavailable(Exception):
    """The rates could not be read: the network, the ECB's answer, or a file without the base currency."""


def parse_ecb_daily(content: bytes) -> tuple[datetime.date, dict[str, Decimal]]:
    """The date and {currency: units for one euro} of an `eurofxref-daily.xml` document (EUR itself is 1)."""
    try:
        root = ElementTree.fromstring(content)
        day = root.find(f".//{ECB_NAMESPACE}Cube[@time]")
        if day is None:
            raise RatesUnavailable("no dated Cube element in the ECB file")
        date = datetime.date.fromisoformat(day.get("time"))
        per_euro = {"EUR": Decimal(1)}
        for cube in day.findall(f"{ECB_NAMESPACE}Cube[@currency]"):
            rate = Decimal(cube.get("rate"))
            if rate > 0:
                per_euro[cube.get("currency").upper()] = rate
    except (ElementTree.ParseError, ValueError, TypeError, InvalidOperation) as error:
        raise RatesUnavailable(f"unreadable ECB file: {error}") from error
    return date, per_euro


def relative_to(base: str, per_euro: dict[str, Decimal]) -> dict[str, Decimal]:
    """{currency: units for one unit of `base`}, from rates per euro; the base itself is left out."""
    base = base.upper()
    if base not in per_euro:
        raise RatesUnavailable(f"the ECB file has no rate for the base currency {base}")
    return {
        currency: (rate / per_euro[base]).quantize(RATE_STEP) for currency, rate in per_euro.items() if currency != base
    }


def fetch_ecb_daily(url: str | None = None, timeout: float | None = None) -> bytes:
    """The ECB's daily file, from `settings.ECB_RATES_URL` within `settings.ECB_RATES_TIMEOUT` seconds."""
    url = url or settings.ECB_RATES_URL
    timeout = timeout if timeout is not None else settings.ECB_RATES_TIMEOUT
    try:
        with requests.get(url, timeout=timeout, stream=True) as response:
            response.raise_for_status()
            content = response.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
    except requests.RequestException as error:
        raise RatesUnavailable(f"fetching {url} failed: {error}") from error
    if len(content) > MAX_RESPONSE_BYTES:
        raise RatesUnavailable(f"{url} answered more than {MAX_RESPONSE_BYTES} bytes")
    return content


@transaction.atomic
def store_rates(date: datetime.date, rates: dict[str, Decimal]) -> list[ExchangeRate]:
    """Store the ECB's `rates` of `date` (relative to the base currency); a manual rate of that date stays."""
    manual = set(
        ExchangeRate.objects.filter(date=date, source=ExchangeRateSource.MANUAL).values_list("currency", flat=True)
    )
    stored = []
    for currency, rate in sorted(rates.items()):
        if currency in manual:
            continue
        row, _created = ExchangeRate.objects.update_or_create(
            currency=currency,
            date=date,
            defaults={"rate": rate, "source": ExchangeRateSource.ECB, "overridden_by": None},
        )
        stored.append(row)
    return stored


def update_rates(content: bytes | None = None) -> list[ExchangeRate]:
    """Fetch (unless `content` is given), parse and store today's ECB rates; the rows stored."""
    date, per_euro = parse_ecb_daily(content if content is not None else fetch_ecb_daily())
    return store_rates(date, relative_to(base_currency(), per_euro))
