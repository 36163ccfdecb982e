"""History, export of the approved overrides as .po, import of a catalogue, cleaning after a deploy."""

from unittest import mock

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from home.tests.localize_helpers import make_translator, run_on_commit
from storefront import interface_overrides
from translations import services
from translations.catalogue import load_catalogue
from translations.models import MemoryEntry, ReviewState, StringOverride, StringOverrideChange
from translations.po_files import export_po, import_po

from .helpers import entry, make_reviewer, save


@pytest.fixture(autouse=True)
def _overrides_reloaded(db):
    yield
    interface_overrides.refresh(force=True)


def test_every_change_is_recorded_with_who_when_and_the_previous_value(homes):
    tanya, rita = make_translator(locales=("es",)), make_reviewer()
    save("Add to cart", ["Meter en la cesta"], tanya)
    save("Add to cart", ["Al carrito"], rita, approve=True)

    changes = list(StringOverrideChange.objects.filter(msgid="Add to cart").order_by("pk"))

    assert [(c.action, c.user, c.previous, c.value) for c in changes] == [
        ("saved", tanya, ["Añadir al carrito"], ["Meter en la cesta"]),
        ("saved", rita, ["Meter en la cesta"], ["Al carrito"]),
    ]
    assert all(change.at for change in changes)
    assert StringOverride.objects.get().state == ReviewState.APPROVED


def test_a_translators_change_to_an_approved_override_needs_review_again(homes):
    save("Add to cart", ["Al carrito"], make_reviewer(), approve=True)
    save("Add to cart", ["Meter en la cesta"], make_translator(locales=("es",)))

    assert StringOverride.objects.get().state == ReviewState.NEEDS_REVIEW


def test_the_export_holds_the_approved_overrides_only(homes):
    save("Add to cart", ["Al carrito"], make_reviewer(), approve=True)
    save("Cart", ["Cesta"], make_translator(locales=("es",)))

    po = polib.pofile(export_po("es"))

    assert [(item.msgid, item.msgstr, item.tcomment) for item in po] == [("Add to cart", "Al carrito", "cart")]


def test_a_reviewer_downloads_the_export_and_a_translator_may_not(client, homes):
    save("Add to cart", ["Al carrito"], make_reviewer(), approve=True)
    client.force_login(make_translator(locales=("es",)))
    refused = client.get(reverse("interface_strings_export", args=["es"]))
    client.force_login(make_reviewer("rosa"))
    allowed = client.get(reverse("interface_strings_export", args=["es"]))

    assert refused.status_code == 302
    assert allowed.status_code == 200
    assert 'msgstr "Al carrito"' in allowed.content.decode()


def test_an_imported_catalogue_saves_the_good_entries_and_refuses_the_others_with_reasons(homes):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Add to cart", msgstr="Al carrito"))
    po.append(polib.POEntry(msgid="Cart", msgstr="<script>alert(1)</script>"))
    po.append(polib.POEntry(msgid="Not in the shop", msgstr="No"))
    po.append(polib.POEntry(msgid="Checkout", msgstr="x", flags=["fuzzy"]))

    with run_on_commit():
        report = import_po("es", str(po).encode(), make_reviewer())

    assert report.saved == 1
    assert [msgid for msgid, _reason in report.refused] == ["Cart", "Not in the shop"]
    assert StringOverride.objects.get().forms == ["Al carrito"]
    assert StringOverrideChange.objects.get().action == "imported"


def test_a_file_that_is_not_a_catalogue_is_refused_with_a_message(client, homes):
    client.force_login(make_reviewer())

    response = client.post(
        reverse("interface_strings_import", args=["es"]),
        {"catalogue": SimpleUploadedFile("x.po", b"\xff\xfe not utf-8")},
        follow=True,
    )

    assert response.status_code == 200
    assert not StringOverride.objects.exists()
    assert "0 translations imported" in response.content.decode()


def test_a_deploy_that_ships_the_same_translation_cleans_the_override_away(homes):
    save("Add to cart", ["Al carrito"], make_reviewer(), approve=True)
    save("Cart", ["Cesta"], make_reviewer("rosa"), approve=True)
    shipped = load_catalogue("es")
    new_release = shipped.__class__(
        "es",
        tuple(
            e.__class__(**{**e.__dict__, "msgstr": "Al carrito"}) if e.msgid == "Add to cart" else e
            for e in shipped.entries
        ),
    )

    with mock.patch.object(services, "load_catalogue", return_value=new_release), run_on_commit():
        call_command("clean_interface_overrides", stdout=mock.Mock())

    assert list(StringOverride.objects.values_list("msgid", flat=True)) == ["Cart"]
    assert StringOverrideChange.objects.filter(action="cleaned", msgid="Add to cart").exists()


def test_saving_the_shipped_translation_again_removes_the_override(homes):
    save("Add to cart", ["Al carrito"], make_translator(locales=("es",)))
    save("Add to cart", [entry("Add to cart").msgstr], make_translator("tom", locales=("es",)))

    assert not StringOverride.objects.exists()


def test_an_approved_interface_string_joins_the_translation_memory(homes):
    override = save("Add to cart", ["Meter en la cesta"], make_translator(locales=("es",)))
    assert not MemoryEntry.objects.exists()  # not approved yet

    services.approve_override(override, make_reviewer())

    assert list(MemoryEntry.objects.values_list("source", "target", "origin", "origin_label")) == [
        ("Add to cart", "Meter en la cesta", "interface", "cart")
    ]


def test_an_import_publishes_once_for_the_whole_file(homes):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Add to cart", msgstr="Al carrito"))
    po.append(polib.POEntry(msgid="Cart", msgstr="Cesta"))

    with mock.patch.object(services, "publish") as publish, run_on_commit():
        report = import_po("es", str(po).encode(), make_reviewer())

    assert report.saved == 2
    publish.assert_called_once_with("es")


def test_migrate_after_a_deploy_cleans_the_overrides_the_catalogues_now_ship(db):
    StringOverride.objects.create(language_code="es", msgid="Add to cart", forms=["Añadir al carrito"])
    StringOverride.objects.create(language_code="es", msgid="Cart", forms=["Cesta"])

    with run_on_commit():
        call_command("migrate", verbosity=0)

    assert list(StringOverride.objects.values_list("msgid", flat=True)) == ["Cart"]
