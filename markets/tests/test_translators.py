"""Translators translate markets' names in their own locales only; the currency, countries and rules stay the
source's and are never offered as segments."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.tests.localize_helpers import make_translator, publish_target
from markets.models import Market

from .factories import three_markets

pytestmark = pytest.mark.django_db
EDIT = "wagtailsnippets_markets_market:edit"


@pytest.fixture
def eurozone(homes, locales):
    english = three_markets()["eurozone"]
    source, _created = TranslationSource.get_or_create_from_instance(english)
    copies = {"en": english}
    for code in ("es", "ru"):
        translation = Translation.objects.create(source=source, target_locale=locales[code])
        publish_target(translation)
        copies[code] = translation.get_target_instance()
    return copies


def test_a_translation_copies_everything_but_the_name(eurozone):
    russian = eurozone["ru"]
    assert (russian.code, russian.currency, russian.countries, russian.rounding) == (
        "eurozone",
        "EUR",
        ["DE", "ES", "FR"],
        "99",
    )
    segments = set(
        StringSegment.objects.filter(source__object_id=eurozone["en"].translation_key).values_list(
            "string__data", flat=True
        )
    )
    assert segments == {"Eurozone"}
    assert Market.objects.sources().filter(code="eurozone").get() == eurozone["en"]


def test_a_russian_translator_opens_the_russian_market_only(client, eurozone):
    client.force_login(make_translator("ivan", locales=("ru",)))
    response = client.get(reverse(EDIT, args=[eurozone["ru"].pk]))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    for code in ("en", "es"):
        denied = client.get(reverse(EDIT, args=[eurozone[code].pk]))
        assert (denied.status_code, denied.url) == (302, reverse("wagtailadmin_home"))


def test_a_translator_cannot_change_the_english_currency(client, eurozone):
    english = eurozone["en"]
    client.force_login(make_translator("ivan", locales=("es", "ru")))
    response = client.post(reverse(EDIT, args=[english.pk]), {"name": english.name, "currency": "GBP"})
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    english.refresh_from_db()
    assert english.currency == "EUR"
