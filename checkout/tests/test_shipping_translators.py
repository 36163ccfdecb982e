"""Translators translate shipping methods' names and descriptions in their own locales only; the prices stay
the source's."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from checkout.models import ShippingMethod
from demo.shipping import ensure_shipping_and_taxes
from home.tests.localize_helpers import make_translator, publish_target

pytestmark = pytest.mark.django_db

EDIT = "wagtailsnippets_checkout_shippingmethod:edit"


@pytest.fixture
def standard(homes, locales):
    """The demo's Spanish "Standard" method, in English with its wagtail-localize translations into es and ru."""
    ensure_shipping_and_taxes()
    english = ShippingMethod.objects.filter(locale=locales["en"], zone__name="Spain").order_by("pk").first()
    ShippingMethod.objects.filter(translation_key=english.translation_key).exclude(pk=english.pk).delete()
    source, _created = TranslationSource.get_or_create_from_instance(english)
    copies = {"en": english}
    for code in ("es", "ru"):
        translation = Translation.objects.create(source=source, target_locale=locales[code])
        publish_target(translation)
        copies[code] = translation.get_target_instance()
    return copies


def assert_denied(response):
    # Wagtail answers a permission denial in the admin with a redirect to the dashboard and a message.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


def test_a_russian_translator_opens_the_translation_editor_of_the_russian_method(client, standard):
    client.force_login(make_translator("ivan", locales=("ru",)))

    response = client.get(reverse(EDIT, args=[standard["ru"].pk]))

    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    segments = set(
        StringSegment.objects.filter(source__object_id=standard["en"].translation_key).values_list(
            "string__data", flat=True
        )
    )
    assert standard["en"].name in segments
    assert not any(str(standard["en"].price) in text for text in segments)


@pytest.mark.parametrize("code", ["en", "es"])
def test_a_russian_translator_cannot_open_another_locales_method(client, standard, code):
    client.force_login(make_translator("ivan", locales=("ru",)))

    assert_denied(client.get(reverse(EDIT, args=[standard[code].pk])))


def test_a_translator_cannot_change_the_english_price(client, standard):
    english = standard["en"]
    client.force_login(make_translator("ivan", locales=("es", "ru")))

    response = client.post(reverse(EDIT, args=[english.pk]), {"name": english.name, "price": "0.01"})

    assert_denied(response)
    english.refresh_from_db()
    assert english.price != Decimal("0.01")
