"""The interface-strings listing: every entry of a language with its state, searched and filtered, the ones that
need a translator first (untranslated, fuzzy), then the overridden ones awaiting review."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from translations.catalogue import entry_key
from translations.models import ReviewState, StringOverride

UNTRANSLATED, FUZZY, NEEDS_REVIEW, APPROVED, SHIPPED = "untranslated", "fuzzy", "needs_review", "approved", "shipped"
STATES = {
    UNTRANSLATED: _("Untranslated"),
    FUZZY: _("Fuzzy"),
    NEEDS_REVIEW: _("Overridden, needs review"),
    APPROVED: _("Overridden, approved"),
    SHIPPED: _("Translated"),
}
ORDER = [UNTRANSLATED, FUZZY, NEEDS_REVIEW, APPROVED, SHIPPED]


@dataclass
class Row:
    entry: object
    override: object
    state: str

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def current_forms(self):
        return self.override.forms if self.override else self.entry.shipped_forms


def state_of(entry, override) -> str:
    if override is not None:
        return APPROVED if override.state == ReviewState.APPROVED else NEEDS_REVIEW
    if entry.fuzzy:
        return FUZZY
    return SHIPPED if entry.translated else UNTRANSLATED


def overrides_by_key(language_code) -> dict:
    return {entry_key(o.msgctxt, o.msgid): o for o in StringOverride.objects.filter(language_code=language_code)}


def rows(catalogue, *, query="", app="", state="") -> list[Row]:
    """The catalogue's entries as rows, filtered, in the order translators work through them."""
    overrides = overrides_by_key(catalogue.language_code)
    query = query.strip().casefold()
    found = []
    for entry in catalogue.entries:
        if app and entry.app != app:
            continue
        override = overrides.get(entry.key)
        row = Row(entry, override, state_of(entry, override))
        if state and row.state != state:
            continue
        if query and not any(
            query in text.casefold() for text in (entry.msgid, entry.msgctxt, entry.msgid_plural, *row.current_forms)
        ):
            continue
        found.append(row)
    found.sort(key=lambda row: ORDER.index(row.state))
    return found
