"""Approved overrides out as a `.po` file for developers to commit, and a catalogue in, entry by entry, through
the same validation and history as the editor."""

from dataclasses import dataclass, field

import polib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from translations import services
from translations.catalogue import entry_key, load_catalogue
from translations.models import ReviewState, StringOverride, StringOverrideChange


def export_po(language_code) -> str:
    """The approved overrides of a language as a .po catalogue (with the language's plural rule)."""
    catalogue = load_catalogue(language_code)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Language": language_code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    approved = StringOverride.objects.filter(language_code=language_code, state=ReviewState.APPROVED)
    for override in approved.order_by("msgctxt", "msgid"):
        entry = polib.POEntry(msgid=override.msgid, msgctxt=override.msgctxt or None)
        shipped = catalogue.by_key.get(entry_key(override.msgctxt, override.msgid))
        if override.msgid_plural:
            po.metadata.setdefault("Plural-Forms", override.plural_forms)
            entry.msgid_plural = override.msgid_plural
            entry.msgstr_plural = dict(enumerate(override.forms))
        else:
            entry.msgstr = override.forms[0]
        if shipped is not None:
            # Which catalogue it belongs in, and that one's plural rule: the catalogues of a language differ.
            entry.tcomment = f"{shipped.app}: {shipped.plural_forms}" if override.msgid_plural else shipped.app
            entry.flags = [flag for flag in shipped.flags if flag != "fuzzy"]
        po.append(entry)
    return str(po)


MAX_IMPORT_BYTES = 5 * 1024 * 1024


@dataclass
class ImportReport:
    saved: int = 0
    unchanged: int = 0
    refused: list = field(default_factory=list)  # (msgid, reason)


def import_po(language_code, content: bytes, user) -> ImportReport:
    """Save every translated, non-fuzzy entry of `content` that differs from what the shop uses now; an entry
    unknown to the shop's catalogues or failing validation is refused with its reason, the rest still saved."""
    report = ImportReport()
    if len(content) > MAX_IMPORT_BYTES:
        report.refused.append(("—", _("The file is too large.")))
        return report
    try:
        po = polib.pofile(content.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError):
        report.refused.append(("—", _("This is not a readable UTF-8 .po file.")))
        return report
    catalogue = load_catalogue(language_code)
    current = {
        entry_key(o.msgctxt, o.msgid): o.forms for o in StringOverride.objects.filter(language_code=language_code)
    }
    for item in po:
        if item.obsolete or "fuzzy" in item.flags or not item.msgid:
            continue
        entry = catalogue.by_key.get(entry_key(item.msgctxt or "", item.msgid))
        if entry is None:
            report.refused.append((item.msgid, _("Not a string of the shop.")))
            continue
        forms = [item.msgstr_plural[i] for i in sorted(item.msgstr_plural)] if item.msgid_plural else [item.msgstr]
        if not all(forms) or forms == current.get(entry.key, entry.shipped_forms):
            report.unchanged += 1
            continue
        try:
            services.save_override(
                language_code,
                entry,
                forms,
                user,
                approve=True,
                action=StringOverrideChange.Action.IMPORTED,
                publish_now=False,
            )
        except ValidationError as error:
            report.refused.append((item.msgid, " ".join(error.messages)))
        else:
            report.saved += 1
    if report.saved:
        transaction.on_commit(lambda: services.publish(language_code))  # once for the whole file
    return report
