"""When the ECB's rates stop coming, the last ones stay, and the shop managers are told once they are 48 hours old:
an email per episode and a warning on the admin's dashboard. Recorded file, never the network."""

import datetime
from decimal import Decimal as D
from pathlib import Path
from unittest import mock

import pytest
import responses
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings

from markets import alerts, rates
from markets.models import ExchangeRate, ExchangeRateSource
from markets.tasks import fetch_exchange_rates

from .factories import set_rate, three_markets

pytestmark = pytest.mark.django_db
RECORDED = (Path(__file__).parent / "data" / "eurofxref-daily-2022-07-08.xml").read_bytes()
URL = "https://rates.example/eurofxref-daily.xml"
FETCHED = datetime.datetime(2026, 12, 1, 15, 30, tzinfo=datetime.UTC)


def at(moment):
    """The clock stopped at `moment` (for `auto_now` fields too)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def shop(django_user_model, settings):
    settings.SHOP_ALERTS_EMAIL = ""
    three_markets()
    manager = django_user_model.objects.create_user("manager", "manager@shop.example", "pw")
    manager.groups.add(Group.objects.get_or_create(name=settings.SHOP_MANAGERS_GROUP)[0])
    with at(FETCHED):
        rates.update_rates(RECORDED)
    set_rate("RUB", "90.55", source=ExchangeRateSource.MANUAL)  # the managers' own: never alerted about
    return manager


@responses.activate
@override_settings(ECB_RATES_URL=URL)
def test_failed_fetches_keep_the_last_rates_and_alert_once_at_48_hours(shop):
    responses.get(URL, status=503)
    with at(FETCHED + datetime.timedelta(hours=47)):
        with pytest.raises(rates.RatesUnavailable):
            fetch_exchange_rates.delay().get()
    assert mail.outbox == []
    for hours in (48, 72):
        with at(FETCHED + datetime.timedelta(hours=hours)):
            with pytest.raises(rates.RatesUnavailable):
                fetch_exchange_rates.delay().get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["manager@shop.example"]
    assert "Exchange rates are out of date" in mail.outbox[0].subject
    assert "2026-12-01 15:30" in mail.outbox[0].body
    assert ExchangeRate.objects.latest_for("EUR").rate == D("0.9839614287")


@responses.activate
@override_settings(ECB_RATES_URL=URL)
def test_a_fetch_that_works_ends_the_episode(shop):
    responses.get(URL, status=503)
    with at(FETCHED + datetime.timedelta(hours=50)):
        assert alerts.alert_if_stale() is True
        assert alerts.alert_if_stale() is False  # once
    responses.replace(responses.GET, URL, body=RECORDED)
    with at(FETCHED + datetime.timedelta(hours=51)):
        fetch_exchange_rates.delay().get()
        assert alerts.stale_since() is None
    with at(FETCHED + datetime.timedelta(hours=51 + 49)):
        assert alerts.alert_if_stale() is True  # a new episode, a new email
    assert len(mail.outbox) == 2


def test_a_manual_rate_alone_is_never_stale(django_user_model):
    three_markets()
    set_rate("EUR", "0.92", source=ExchangeRateSource.MANUAL)
    with at(FETCHED + datetime.timedelta(days=30)):
        assert alerts.stale_since() is None


def test_the_dashboard_warns_who_may_edit_rates(client, shop, admin_user):
    client.force_login(admin_user)
    with at(FETCHED + datetime.timedelta(hours=1)):
        assert "Exchange rates are out of date" not in client.get("/admin/").content.decode()
    with at(FETCHED + datetime.timedelta(hours=49)):
        html = client.get("/admin/").content.decode()
    assert "Exchange rates are out of date" in html
    assert 'data-stale-rates-since="2026-12-01T15:30:00' in html
    assert '<td class="title">EUR</td><td>0.9839614287</td>' in html
