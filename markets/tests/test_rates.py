"""The ECB's daily rates from a recorded copy of `eurofxref-daily.xml` (8 July 2022); the network is never
reached: `responses` answers every request, and refuses any it was not told about."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import requests
import responses
from django.test import override_settings

from markets import rates
from markets.models import ExchangeRate, ExchangeRateSource
from markets.tasks import fetch_exchange_rates

from .factories import set_rate

D = Decimal
RECORDED = (Path(__file__).parent / "data" / "eurofxref-daily-2022-07-08.xml").read_bytes()
DAY = datetime.date(2022, 7, 8)
URL = "https://rates.example/eurofxref-daily.xml"


def test_parse_the_recorded_file():
    date, per_euro = rates.parse_ecb_daily(RECORDED)
    assert date == DAY
    assert len(per_euro) == 32  # 31 currencies and the euro itself
    assert (per_euro["EUR"], per_euro["USD"], per_euro["JPY"], per_euro["GBP"]) == (
        D(1),
        D("1.0163"),
        D("138.05"),
        D("0.84585"),
    )
    assert "RUB" not in per_euro  # the ECB has published no rouble rate since March 2022


def test_relative_to_the_base_currency():
    _date, per_euro = rates.parse_ecb_daily(RECORDED)
    per_dollar = rates.relative_to("usd", per_euro)
    assert "USD" not in per_dollar
    assert per_dollar["EUR"] == D("0.9839614287")  # 1 / 1.0163
    assert per_dollar["JPY"] == D("135.8358752337")  # 138.05 / 1.0163
    assert rates.relative_to("EUR", per_euro)["USD"] == D("1.0163")
    with pytest.raises(rates.RatesUnavailable):
        rates.relative_to("RUB", per_euro)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not xml",
        b"<Envelope/>",
        RECORDED.replace(b"time='2022-07-08'", b"time='yesterday'"),
        RECORDED.replace(b"rate='1.0163'", b"rate='one'"),
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
    ],
)
def test_an_unreadable_file_is_refused(content):
    with pytest.raises(rates.RatesUnavailable):
        rates.parse_ecb_daily(content)


@responses.activate
@override_settings(ECB_RATES_URL=URL, ECB_RATES_TIMEOUT=3.5)
def test_fetch_asks_the_configured_url_within_the_timeout():
    responses.get(URL, body=RECORDED, content_type="text/xml")
    assert rates.fetch_ecb_daily() == RECORDED
    assert len(responses.calls) == 1
    assert responses.calls[0].request.req_kwargs["timeout"] == 3.5


@responses.activate
@override_settings(ECB_RATES_URL=URL)
@pytest.mark.parametrize(
    "answer",
    [
        {"status": 503},
        {"body": requests.ConnectionError("unreachable")},
        {"body": requests.Timeout("too slow")},
        {"body": b"x" * (rates.MAX_RESPONSE_BYTES + 1)},
    ],
)
def test_a_failed_fetch_raises(answer):
    responses.get(URL, **answer)
    with pytest.raises(rates.RatesUnavailable):
        rates.fetch_ecb_daily()


@pytest.mark.django_db
def test_store_against_the_base_currency():
    stored = rates.update_rates(RECORDED)
    assert len(stored) == 31  # every currency but the base (USD), the euro included
    eur = ExchangeRate.objects.get(currency="EUR", date=DAY)
    assert (eur.rate, eur.source, eur.overridden_by) == (D("0.9839614287"), ExchangeRateSource.ECB, None)
    rates.update_rates(RECORDED)  # a second run of the same day changes nothing
    assert ExchangeRate.objects.count() == 31


@pytest.mark.django_db
def test_a_manual_override_of_the_day_stays(admin_user):
    manual = set_rate("EUR", "0.95", date=DAY, source=ExchangeRateSource.MANUAL)
    manual.overridden_by = admin_user
    manual.save()
    rates.update_rates(RECORDED)
    manual.refresh_from_db()
    assert (manual.rate, manual.source, manual.overridden_by) == (D("0.95"), ExchangeRateSource.MANUAL, admin_user)
    assert ExchangeRate.objects.get(currency="GBP", date=DAY).source == ExchangeRateSource.ECB


@pytest.mark.django_db
@responses.activate
@override_settings(ECB_RATES_URL=URL)
def test_the_task_fetches_and_stores_and_a_failure_keeps_the_last_rates():
    responses.get(URL, body=RECORDED)
    assert fetch_exchange_rates.delay().get() == 31
    responses.replace(responses.GET, URL, status=500)
    with pytest.raises(rates.RatesUnavailable):
        fetch_exchange_rates.delay().get()
    assert ExchangeRate.objects.latest_for("EUR").rate == D("0.9839614287")


def test_the_task_runs_daily_after_the_ecb_publishes():
    from django.conf import settings

    schedule = settings.CELERY_BEAT_SCHEDULE["fetch-exchange-rates"]
    assert schedule["task"] == "markets.fetch_exchange_rates"
    assert (schedule["schedule"].hour, schedule["schedule"].minute) == ({15}, {30})
