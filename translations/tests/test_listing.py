"""The listing puts what needs a translator first: untranslated, fuzzy, overridden awaiting review, approved,
then the translated rest; search reads the source, the context and the translation."""

import pytest

from translations.catalogue import Catalogue, CatalogueEntry, entry_key
from translations.listing import rows
from translations.models import ReviewState, StringOverride


def make_entry(msgid, **fields):
    return CatalogueEntry(app=fields.pop("app", "shop"), msgid=msgid, key=entry_key("", msgid), **fields)


CATALOGUE = Catalogue(
    "es",
    (
        make_entry("Done", msgstr="Hecho"),
        make_entry("Approved one", msgstr="Aprobado"),
        make_entry("Reviewed", msgstr="Revisado"),
        make_entry("Fuzzy one", msgstr="Dudoso", fuzzy=True),
        make_entry("Missing", app="cart"),
    ),
)


@pytest.mark.django_db
def test_untranslated_and_fuzzy_come_first_then_the_overrides_awaiting_review():
    StringOverride.objects.create(language_code="es", msgid="Reviewed", forms=["Revisado ya"])
    StringOverride.objects.create(
        language_code="es", msgid="Approved one", forms=["Aprobada"], state=ReviewState.APPROVED
    )

    found = rows(CATALOGUE)

    assert [(row.entry.msgid, row.state) for row in found] == [
        ("Missing", "untranslated"),
        ("Fuzzy one", "fuzzy"),
        ("Reviewed", "needs_review"),
        ("Approved one", "approved"),
        ("Done", "shipped"),
    ]
    assert [row.entry.msgid for row in rows(CATALOGUE, query="revisado ya")] == ["Reviewed"]
    assert [row.entry.msgid for row in rows(CATALOGUE, app="cart")] == ["Missing"]
    assert [row.entry.msgid for row in rows(CATALOGUE, state="fuzzy")] == ["Fuzzy one"]
