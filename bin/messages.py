"""Keep the gettext catalogues in step with the code.

    python bin/messages.py update   rewrite every catalogue from the sources (makemessages, no obsolete)
    python bin/messages.py check    exit 1, listing them, if makemessages would add an untranslated string
                                    or if a catalogue holds an empty or fuzzy msgstr

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
    return 1 if found else 0


def update() -> int:
    for source, ignore in locations():
        for lang in LANGUAGES:
            (source / "locale" / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        makemessages(source, ignore)
    return check()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"update": update, "check": check}[command]())
