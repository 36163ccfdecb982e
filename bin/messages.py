"""Keep the gettext catalogues in step with the code.

    python bin/messages.py update   rewrite every catalogue from the sources (makemessages, no obsolete)
    python bin/messages.py check    exit 1, listing them, if makemessages would add an untranslated string
                                    or if a catalogue holds an empty or fuzzy msgstr, or if two catalogues
                                    translate one msgid differently (see `clashes`)
    python bin/messages.py clashes  only that last check (quick: it reads the catalogues, runs nothing)

Catalogues: `locale/` for the project (templates/, storefront/, home/) and `<app>/locale/` for each app
that has one, so every app ships its own translations.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["es", "ru"]
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "media", ".git", "migrations", "tests", "e2e", "bench", "bin"}


def locations():
    """(source dir, ignored subdirs) for every catalogue; the project's own one ignores the apps with theirs."""
    apps = sorted(p.parent.parent for p in ROOT.glob("*/locale/es") if p.parent.parent.name != "")
    apps = [a for a in apps if a != ROOT]
    yield ROOT, [a.name for a in apps]
    for app in apps:
        yield app, []


def makemessages(source: Path, ignore: list[str]):
    args = [sys.executable, str(ROOT / "manage.py"), "makemessages", "--no-obsolete", "--no-location", "-v0"]
    for lang in LANGUAGES:
        args += ["-l", lang]
    for name in sorted(SKIP_DIRS | set(ignore)):
        args += ["-i", f"{name}/*", "-i", name]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "storefront.settings.test", "PYTHONPATH": str(ROOT)}
    subprocess.run(args, cwd=source, check=True, env=env)


def problems(catalogue: Path):
    po = polib.pofile(str(catalogue))
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            yield f"{catalogue}: fuzzy: {entry.msgid!r}"
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                yield f"{catalogue}: untranslated: {entry.msgid!r}"
        elif not entry.msgstr:
            yield f"{catalogue}: untranslated: {entry.msgid!r}"


def clashes(catalogues: list[Path]):
    """Every msgid (with its msgctxt and plural) that two catalogues of one language translate differently.

    Django merges all catalogues of a language into one dictionary keyed by (msgctxt, msgid), so only one
    translation survives (LOCALE_PATHS first, then INSTALLED_APPS in order), whichever template asked: the other
    app's word silently never shows. Where the meaning really differs (an order's status "Refunded" against an
    amount "Refunded"), the source must say so with a context (pgettext, `{% translate ... context ... %}`).
    """
    by_language = {}
    for catalogue in catalogues:
        language = catalogue.parent.parent.name
        for entry in polib.pofile(str(catalogue)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            if entry.msgid_plural:
                translation = " | ".join(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
            else:
                translation = entry.msgstr
            if not translation:
                continue
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            by_language.setdefault(language, {}).setdefault(key, {}).setdefault(translation, []).append(catalogue)
    for language, entries in sorted(by_language.items()):
        for (msgctxt, msgid, _plural), translations in sorted(entries.items(), key=lambda item: str(item[0])):
            if len(translations) > 1:
                context = f" (context {msgctxt!r})" if msgctxt else ""
                found = "; ".join(
                    f"{translation!r} in {', '.join(str(c) for c in sorted(where))}"
                    for translation, where in sorted(translations.items())
                )
                yield f"{language}: {msgid!r}{context} is translated differently: {found}"


def catalogues() -> list[Path]:
    """The committed catalogues, relative to the project's root."""
    found = []
    for source, _ignore in locations():
        found += sorted(source.glob("locale/*/LC_MESSAGES/django.po"))
    return [path.relative_to(ROOT) for path in found]


def check_clashes() -> int:
    found = list(clashes([ROOT / path for path in catalogues()]))
    for line in found:
        print(line.replace(f"{ROOT}/", ""))
    return 1 if found else 0


def copy_sources(source: Path, ignore: list[str], target: Path):
    skip = SKIP_DIRS | set(ignore)
    for path in source.rglob("*"):
        rel = path.relative_to(source)
        if any(part in skip for part in rel.parts[:-1]) or (rel.parts and rel.parts[0] in skip):
            continue
        if path.is_file() and (path.suffix in SOURCE_SUFFIXES or path.suffix == ".po"):
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def check() -> int:
    found = []
    for source, ignore in locations():
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "src"
            copy_sources(source, ignore, copy)
            for lang in LANGUAGES:
                (copy / "locale" / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
            makemessages(copy, [])
            for catalogue in sorted(copy.glob("locale/*/LC_MESSAGES/django.po")):
                rel = source.relative_to(ROOT) / catalogue.relative_to(copy)
                found += [line.replace(str(catalogue), str(rel)) for line in problems(catalogue)]
    for line in found:
        print(line)
    return 1 if check_clashes() or found else 0


def update() -> int:
    for source, ignore in locations():
        for lang in LANGUAGES:
            (source / "locale" / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        makemessages(source, ignore)
    return check()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"update": update, "check": check, "clashes": check_clashes}[command]())
