"""An override is what gettext returns in its language, in this process at once and in others within the check
interval; with none, a request costs no cache read between checks."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from storefront import interface_overrides
from translations.models import StringOverride

from .helpers import save

# `make run` relies on it too: checked again on SQLite.
pytestmark = pytest.mark.makerun


@pytest.fixture(autouse=True)
def _fresh_process(db):
    """Each test starts as a new process would: nothing applied, the next request checks."""
    interface_overrides.set_loader(interface_overrides._state.loader)
    interface_overrides.refresh(force=True)
    yield
    interface_overrides.refresh(force=True)


def test_a_saved_override_is_what_gettext_returns_in_its_language_only(db):
    save("Add to cart", ["Meter en la cesta"])

    with translation.override("es"):
        assert translation.gettext("Add to cart") == "Meter en la cesta"
    with translation.override("ru"):
        assert translation.gettext("Add to cart") == "В корзину"
    with translation.override("en"):
        assert translation.gettext("Add to cart") == "Add to cart"


def test_plural_forms_are_overridden_per_count(db):
    save("%(count)d product changed.", ["%(count)d producto cambiado", "%(count)d productos cambiados"])

    with translation.override("es"):
        assert (
            translation.ngettext("%(count)d product changed.", "%(count)d products changed.", 1) % {"count": 1}
            == "1 producto cambiado"
        )
        assert (
            translation.ngettext("%(count)d product changed.", "%(count)d products changed.", 5) % {"count": 5}
            == "5 productos cambiados"
        )


def test_another_process_sees_the_change_at_its_next_check(db):
    # This process applied version A; "another process" saves a row and bumps the version.
    StringOverride.objects.create(language_code="es", msgid="Add to cart", forms=["Al carrito"])
    cache.set(interface_overrides.VERSION_KEY, "bumped-elsewhere", timeout=None)

    with translation.override("es"):
        assert translation.gettext("Add to cart") == "Añadir al carrito"  # before its next check
        with mock.patch.object(interface_overrides.time, "monotonic", return_value=10**9):
            assert interface_overrides.refresh() is True
        assert translation.gettext("Add to cart") == "Al carrito"


@override_settings(INTERFACE_OVERRIDES_CHECK_SECONDS=30)
def test_between_checks_a_request_reads_neither_the_cache_nor_the_database(client, db, django_assert_num_queries):
    interface_overrides.refresh()  # the check of this half-minute
    with mock.patch.object(interface_overrides.cache, "get", wraps=cache.get) as cache_get:
        with django_assert_num_queries(0):
            interface_overrides.refresh()
            interface_overrides.refresh()
    assert cache_get.call_count == 0


def test_a_check_with_an_unchanged_version_reloads_nothing(db, django_assert_num_queries):
    with mock.patch.object(interface_overrides.time, "monotonic", return_value=10**9):
        with django_assert_num_queries(0):
            assert interface_overrides.refresh() is False


def test_a_new_translation_object_gets_the_overrides_again(db, settings):
    save("Add to cart", ["Meter en la cesta"])
    settings.LANGUAGES = [*settings.LANGUAGES]  # Django drops its translation objects when LANGUAGES changes

    interface_overrides.refresh()

    with translation.override("es"):
        assert translation.gettext("Add to cart") == "Meter en la cesta"


def test_the_benchmarks_500_overrides_are_valid_and_live(db):
    from bench.pages import add_overrides
    from translations.catalogue import entry_key, load_catalogue
    from translations.validation import check_translation

    add_overrides(500)
    interface_overrides.refresh(force=True)

    overrides = list(StringOverride.objects.all())
    catalogue = load_catalogue("es")
    assert len(overrides) == 500
    for override in overrides:
        check_translation(catalogue.by_key[entry_key(override.msgctxt, override.msgid)], override.forms)
    plain = next(o for o in overrides if not o.msgctxt and not o.msgid_plural)
    with translation.override("es"):
        assert translation.gettext(plain.msgid) == plain.forms[0]
