"""The shop's interface strings as shipped: every entry of the project's `.po` catalogues, read once a process.

An entry is named by its *key*, a short hash of (context, msgid), in URLs and forms. Its *app* is the folder its
catalogue belongs to (the project's own `locale/` is "shop"). The catalogues are written without source
locations (`bin/messages.py`), so where an entry is used is found in the sources when someone asks
(`references`), for the few entries on a screen.
"""

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings

PROJECT_APP = "shop"
SOURCE_SUFFIXES = (".py", ".html", ".txt")
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "media", ".git", "migrations", "tests", "e2e", "bench", "bin"}
PLACEHOLDER_START = re.compile(r"%\(|%[sd]|\{")


def entry_key(msgctxt: str, msgid: str) -> str:
    return hashlib.sha256(f"{msgctxt}\x04{msgid}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class CatalogueEntry:
    """One msgid of one language's catalogues, with what the shop ships for it."""

    app: str
    msgid: str
    msgctxt: str = ""
    msgid_plural: str = ""
    msgstr: str = ""
    msgstr_plural: tuple = ()
    flags: tuple = ()
    fuzzy: bool = False
    key: str = field(default="", compare=False)
    # The plural rule of the entry's own catalogue: the catalogues of one language need not share one.
    plural_forms: str = "nplurals=2; plural=(n != 1);"

    @property
    def nplurals(self) -> int:
        return nplurals_of(self.plural_forms) if self.msgid_plural else 1

    @property
    def shipped_forms(self) -> list[str]:
        """The shipped translation as a list: one string, or one per plural form ("" where missing or fuzzy)."""
        if self.fuzzy:
            return [""] * (len(self.msgstr_plural) or 1)
        return list(self.msgstr_plural) if self.msgid_plural else [self.msgstr]

    @property
    def translated(self) -> bool:
        return all(self.shipped_forms) and not self.fuzzy


@dataclass(frozen=True)
class Catalogue:
    """All entries of one language, in catalogue order."""

    language_code: str
    entries: tuple

    @functools.cached_property
    def by_key(self) -> dict:
        return {entry.key: entry for entry in self.entries}

    @property
    def apps(self) -> list[str]:
        return sorted({entry.app for entry in self.entries})


def catalogue_files(language_code, base_dir=None):
    """(app, path) of each `django.po` of the project for this language, the project's own first."""
    base = Path(base_dir or settings.BASE_DIR)
    pattern = f"locale/{language_code}/LC_MESSAGES/django.po"
    found = [(PROJECT_APP, path) for path in base.glob(pattern)]
    found += [(path.relative_to(base).parts[0], path) for path in sorted(base.glob(f"*/{pattern}"))]
    return [(app, path) for app, path in found if not app.startswith(".")]


def nplurals_of(plural_forms: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else 2


@functools.lru_cache(maxsize=8)
def load_catalogue(language_code: str, base_dir=None) -> Catalogue:
    """The language's entries (the first catalogue that has a (context, msgid) wins, as in Django's lookup)."""
    entries, seen = [], set()
    for app, path in catalogue_files(language_code, base_dir):
        po = polib.pofile(str(path))
        plural_forms = " ".join(po.metadata.get("Plural-Forms", "nplurals=2; plural=(n != 1);").split())
        for item in po:
            key = entry_key(item.msgctxt or "", item.msgid)
            if item.obsolete or not item.msgid or key in seen:
                continue
            seen.add(key)
            plural = tuple(item.msgstr_plural[i] for i in sorted(item.msgstr_plural)) if item.msgid_plural else ()
            entries.append(
                CatalogueEntry(
                    app=app,
                    msgid=item.msgid,
                    msgctxt=item.msgctxt or "",
                    msgid_plural=item.msgid_plural or "",
                    msgstr=item.msgstr or "",
                    msgstr_plural=plural,
                    flags=tuple(item.flags),
                    fuzzy="fuzzy" in item.flags,
                    key=key,
                    plural_forms=plural_forms,
                )
            )
    return Catalogue(language_code, tuple(entries))


@functools.lru_cache(maxsize=1)
def _source_texts(base_dir=None) -> tuple:
    base = Path(base_dir or settings.BASE_DIR)
    texts = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                path = Path(folder, name)
                texts.append((str(path.relative_to(base)), path.read_text(encoding="utf-8", errors="replace")))
    return tuple(texts)


def references(entry: CatalogueEntry, limit=10) -> list[str]:
    """Where the entry's msgid appears in the sources, as "path:line" (its text up to the first placeholder)."""
    needle = PLACEHOLDER_START.split(entry.msgid.splitlines()[0] if entry.msgid else "")[0][:60].strip()
    if len(needle) < 2:
        return []
    found = []
    for path, text in _source_texts():
        index = text.find(needle)
        if index >= 0:
            found.append(f"{path}:{text.count(chr(10), 0, index) + 1}")
            if len(found) >= limit:
                break
    return found
