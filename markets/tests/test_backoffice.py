"""Markets, rates and prices under Shop, for shop managers only; a rate a manager saves is a manual override."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from markets.models import ExchangeRate, ExchangeRateSource, Market, VariantPrice
from products.tests.factories import ProductFactory, staff_user, variant_of

from .factories import set_rate, three_markets

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = staff_user(settings.SHOP_MANAGERS_GROUP)
    client.force_login(user)
    return user


def test_the_shop_menu_lists_markets_rates_and_prices(client, manager):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in ("markets_market", "markets_exchangerate", "markets_variantprice"):
        assert reverse(f"wagtailsnippets_{url}:list") in html


def test_a_manager_lists_and_adds_markets(client, manager, locales):
    three_markets()
    listing = client.get(reverse("wagtailsnippets_markets_market:list"))
    assert listing.status_code == 200
    assert "Eurozone" in listing.content.decode()
    response = client.post(
        reverse("wagtailsnippets_markets_market:add") + "?locale=en",
        {
            "name": "Japan",
            "code": "japan",
            "countries": ["JP"],
            "currency": "jpy",
            "default_language": "en",
            "prices_include_tax": "on",
            "pricing": "converted",
            "rounding": "99",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    japan = Market.objects.get(code="japan")
    assert (japan.countries, japan.currency, japan.locale.language_code) == (["JP"], "JPY", "en")


def test_a_country_of_another_market_is_refused(client, manager, locales):
    three_markets()
    response = client.post(
        reverse("wagtailsnippets_markets_market:add") + "?locale=en",
        {
            "name": "Spain",
            "code": "spain",
            "countries": ["ES"],
            "currency": "EUR",
            "default_language": "es",
            "pricing": "converted",
            "rounding": "none",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["countries"] == ["Already in another market: ES"]


def test_editing_a_rate_records_a_manual_override(client, manager):
    rate = set_rate("EUR", "0.92", date=datetime.date(2026, 12, 1))
    assert rate.source == ExchangeRateSource.ECB
    response = client.post(
        reverse("wagtailsnippets_markets_exchangerate:edit", args=[rate.pk]),
        {"currency": "EUR", "rate": "0.9500", "date": "2026-12-01"},
    )
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.rate, rate.source, rate.overridden_by) == (Decimal("0.95"), ExchangeRateSource.MANUAL, manager)


def test_adding_a_rate_is_a_manual_override_too(client, manager):
    response = client.post(
        reverse("wagtailsnippets_markets_exchangerate:add"), {"currency": "rub", "rate": "91.5", "date": "2026-12-02"}
    )
    assert response.status_code == 302
    rate = ExchangeRate.objects.get()
    assert (rate.currency, rate.source, rate.overridden_by) == ("RUB", ExchangeRateSource.MANUAL, manager)


@pytest.mark.parametrize("name", ["markets_market", "markets_exchangerate", "markets_variantprice"])
def test_editors_may_not(client, name):
    client.force_login(staff_user(settings.EDITORS_GROUP))
    response = client.get(reverse(f"wagtailsnippets_{name}:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_manager_sets_a_variant_s_price_in_a_market_of_the_default_locale(client, manager, locales):
    markets = three_markets()
    spanish = markets["eurozone"].copy_for_translation(locales["es"])
    spanish.save()
    variant = variant_of(ProductFactory(sku="KET-1"))
    add = reverse("wagtailsnippets_markets_variantprice:add")
    choices = [pk for pk, _label in client.get(add).context["form"].fields["market"].choices if pk]
    assert sorted(int(str(pk)) for pk in choices) == sorted(market.pk for market in markets.values())

    response = client.post(add, {"market": spanish.pk, "variant": variant.pk, "price": "19.99"})
    assert response.status_code == 200 and "market" in response.context["form"].errors
    response = client.post(add, {"market": markets["eurozone"].pk, "variant": variant.pk, "price": "19.99"})
    assert response.status_code == 302
    assert VariantPrice.objects.get().price == Decimal("19.99")
