"""Translators translate interface strings in the admin, only in their own languages."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from home.tests.localize_helpers import make_translator, run_on_commit
from storefront import interface_overrides, page_cache
from translations.models import ReviewState, StringOverride, StringOverrideChange

from .helpers import entry, make_reviewer, save

# `make run` relies on it too: checked again on SQLite.
pytestmark = pytest.mark.makerun

ADD_TO_CART = entry("Add to cart").key


@pytest.fixture(autouse=True)
def _overrides_reloaded(db):
    yield
    interface_overrides.refresh(force=True)  # the test's rows are rolled back: forget them in this process


def edit_url(language_code, key=ADD_TO_CART):
    return reverse("interface_string", args=[language_code, key])


def test_the_listing_shows_the_translators_languages_and_the_overridden_strings_before_the_translated(client, homes):
    save("Add to cart", ["Meter en la cesta"])
    client.force_login(make_translator(locales=("es",)))

    response = client.get(reverse("interface_strings", args=["es"]))

    assert response.status_code == 200
    rows = list(response.context["screen"])
    assert rows[0].entry.msgid == "Add to cart"
    assert rows[0].state == "needs_review"
    assert [locale.language_code for locale in response.context["locales"]] == ["es"]


def test_search_and_filters_narrow_the_listing(client, homes):
    client.force_login(make_translator(locales=("es",)))

    found = client.get(reverse("interface_strings", args=["es"]), {"q": "add to CART", "app": "cart"})
    other_app = client.get(reverse("interface_strings", args=["es"]), {"q": "add to cart", "app": "search"})
    by_state = client.get(reverse("interface_strings", args=["es"]), {"state": "needs_review"})

    assert "Add to cart" in [row.entry.msgid for row in found.context["screen"]]
    assert {row.entry.app for row in found.context["screen"]} == {"cart"}
    assert "Add to cart" not in [row.entry.msgid for row in other_app.context["screen"]]
    assert list(by_state.context["screen"]) == []


def test_the_editor_shows_context_plural_references_and_the_shipped_translation(client, homes):
    client.force_login(make_translator(locales=("es",)))

    response = client.get(edit_url("es"))

    assert response.status_code == 200
    assert response.context["entry"].shipped_forms == ["Añadir al carrito"]
    assert any(ref.startswith(("templates/", "products/", "cart/")) for ref in response.context["references"])


def test_a_translation_saved_in_the_admin_is_live_and_recorded_and_the_languages_pages_are_purged(
    client, homes, catalog
):
    user = make_translator(locales=("es",))
    client.force_login(user)
    es_path = urlsplit(catalog["kettle"]["es"].get_full_url()).path
    en_path = urlsplit(catalog["kettle"]["en"].get_full_url()).path
    version_before = cache.get(interface_overrides.VERSION_KEY)

    with run_on_commit():
        response = client.post(edit_url("es"), {"form_0": "Meter en la cesta", "action": "save"})

    assert response.status_code == 302
    override = StringOverride.objects.get(language_code="es", msgid="Add to cart")
    assert (override.forms, override.state, override.updated_by) == (["Meter en la cesta"], "needs_review", user)
    change = StringOverrideChange.objects.get(msgid="Add to cart")
    assert (change.previous, change.value, change.user) == (["Añadir al carrito"], ["Meter en la cesta"], user)
    assert cache.get(interface_overrides.VERSION_KEY) != version_before
    assert cache.get(page_cache._version_key(es_path)) is not None
    assert cache.get(page_cache._version_key(en_path)) is None
    with translation.override("es"):
        assert translation.gettext("Add to cart") == "Meter en la cesta"


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", "Meter %(x)s", '<img src=x onerror="alert(1)">', "{0.__class__}"]
)
def test_a_hostile_translation_is_refused_with_a_message_and_not_saved(client, homes, hostile):
    client.force_login(make_translator(locales=("es",)))

    response = client.post(edit_url("es"), {"form_0": hostile, "action": "save"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not StringOverride.objects.exists()
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_russian_translator_can_neither_see_nor_change_spanish_strings(client, homes):
    client.force_login(make_translator("ivan", locales=("ru",)))

    listing = client.get(reverse("interface_strings", args=["es"]))
    edit = client.post(edit_url("es"), {"form_0": "Hackeado", "action": "save"})
    own = client.get(reverse("interface_strings"))

    assert listing.status_code == 302 and listing["Location"] == reverse("wagtailadmin_home")
    assert edit.status_code == 302 and edit["Location"] == reverse("wagtailadmin_home")
    assert not StringOverride.objects.exists()
    assert own["Location"] == reverse("interface_strings", args=["ru"])


def test_an_editor_without_the_translators_permission_is_refused(client, homes, django_user_model):
    user = django_user_model.objects.create_user("ed", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(reverse("interface_strings", args=["es"]))["Location"] == reverse("wagtailadmin_home")


def test_a_reviewers_save_is_approved_and_a_reviewer_approves_a_translators(client, homes):
    save("Add to cart", ["Meter en la cesta"], make_translator(locales=("es",)))
    reviewer = make_reviewer()
    client.force_login(reviewer)

    client.post(edit_url("es"), {"action": "approve"})

    override = StringOverride.objects.get()
    assert (override.state, override.reviewed_by) == (ReviewState.APPROVED, reviewer)
    assert StringOverrideChange.objects.filter(action="approved", user=reviewer).exists()


def test_a_translator_cannot_approve(client, homes):
    translator = make_translator(locales=("es",))
    save("Add to cart", ["Meter en la cesta"], translator)
    client.force_login(translator)

    client.post(edit_url("es"), {"action": "approve"})

    assert StringOverride.objects.get().state == ReviewState.NEEDS_REVIEW


def test_reverting_brings_the_shipped_translation_back(client, homes):
    translator = make_translator(locales=("es",))
    save("Add to cart", ["Meter en la cesta"], translator)
    client.force_login(translator)

    with run_on_commit():
        client.post(edit_url("es"), {"action": "revert"})

    assert not StringOverride.objects.exists()
    with translation.override("es"):
        assert translation.gettext("Add to cart") == "Añadir al carrito"


def test_a_cached_page_of_the_language_shows_the_new_wording_after_the_save(client, homes, catalog, settings):
    settings.PAGE_CACHE_ENABLED = True
    url = catalog["kettle"]["es"].url
    assert "Añadir al carrito" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    translator = make_translator(locales=("es",))

    save("Add to cart", ["Meter en la cesta"], translator)

    html = client.get(url).content.decode()
    assert "Meter en la cesta" in html and "Añadir al carrito" not in html


def test_junk_in_the_listing_and_editor_addresses_never_gets_a_server_error(client, homes):
    client.force_login(make_translator(locales=("es",)))

    listing = client.get(
        reverse("interface_strings", args=["es"]), {"q": "<script>x</script>", "app": "../..", "state": "x", "p": "z"}
    )
    unknown = client.get(edit_url("es", "not-a-key"), follow=True)  # the language redirect first
    no_language = client.get(reverse("interface_strings", args=["xx"]))

    assert listing.status_code == 200 and "<script>x</script>" not in listing.content.decode()
    assert unknown.status_code == 404
    assert no_language.status_code == 302
