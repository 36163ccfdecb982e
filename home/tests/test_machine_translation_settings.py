"""Machine translation: DeepL when keyed, else LibreTranslate when pointed at, else the dummy in development only."""

import pytest

from storefront.settings.base import machine_translator_config

DEEPL = "wagtail_localize.machine_translators.deepl.DeepLTranslator"
LIBRE = "wagtail_localize.machine_translators.libretranslate.LibreTranslator"
DUMMY = "wagtail_localize.machine_translators.dummy.DummyTranslator"


def test_deepl_wins_when_its_key_is_set():
    config = machine_translator_config({"DEEPL_API_KEY": "k:fx", "LIBRETRANSLATE_URL": "http://lt:5000"})

    assert config == {"CLASS": DEEPL, "OPTIONS": {"AUTH_KEY": "k:fx"}}


def test_libretranslate_when_its_url_is_set():
    config = machine_translator_config({"LIBRETRANSLATE_URL": "http://lt:5000/", "LIBRETRANSLATE_API_KEY": "s3"})

    assert config == {"CLASS": LIBRE, "OPTIONS": {"LIBRETRANSLATE_URL": "http://lt:5000", "API_KEY": "s3"}}


def test_libretranslate_without_a_key_sends_an_empty_one():
    config = machine_translator_config({"LIBRETRANSLATE_URL": "http://lt:5000"})

    assert config["OPTIONS"]["API_KEY"] == ""


@pytest.mark.parametrize(("development", "expected"), [(True, {"CLASS": DUMMY}), (False, None)])
def test_without_a_service_only_development_gets_the_dummy(development, expected):
    assert machine_translator_config({"DEEPL_API_KEY": ""}, development=development) == expected
