"""The shop runs on requirements.txt alone: no module of the shop imports, and no setting names, a package that only
requirements-dev.txt (tests, linting, browser journeys, benchmarks) brings. Both files pin every package exactly.

A static check, read from the source: importing every module in a virtualenv holding only requirements.txt would say
the same, slower."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# What is not the shop: its tests, the browser journeys, the benchmarks and the developers' scripts.
NOT_THE_SHOP = {"tests", "e2e", "bench", "bin", ".venv", "node_modules"}
DOTTED_PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(path: Path) -> dict[str, str]:
    """{normalized name: the line} of the packages a requirements file pins itself (not those of its `-r`)."""
    lines = (line.strip() for line in path.read_text().splitlines())
    return {normalized(line.split("==")[0]): line for line in lines if line and not line.startswith(("#", "-r "))}


def shop_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if not NOT_THE_SHOP.intersection(parts) and path.name != "conftest.py":
            yield path


def top_level_names(path: Path):
    """(top-level name, how it is used) of each absolute import of the module, and of each dotted path a settings
    module names as a string ("storages.backends.s3.S3Storage")."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.partition(".")[0], f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0], f"from {node.module} import …"
        elif "settings" in path.parts and isinstance(node, ast.Constant) and isinstance(node.value, str):
            if DOTTED_PATH.match(node.value):
                yield node.value.partition(".")[0], f'"{node.value}"'


def test_the_shop_imports_only_what_requirements_txt_installs():
    production = set(pinned(ROOT / "requirements.txt"))
    local = {path.name for path in ROOT.iterdir() if path.is_dir()} | {path.stem for path in ROOT.glob("*.py")}
    distributions = packages_distributions()
    outside = []
    for path in shop_modules():
        for name, usage in top_level_names(path):
            if name in sys.stdlib_module_names or name in local or name not in distributions:
                continue  # the standard library, the shop's own packages, or a word that only looks like a path
            if not {normalized(dist) for dist in distributions[name]} & production:
                outside.append(f"{path.relative_to(ROOT)}: {usage} ({', '.join(distributions[name])})")

    assert outside == [], "the shop needs packages requirements.txt lacks:\n" + "\n".join(outside)


def test_the_check_sees_the_packages_the_shop_names():
    """The check above reads what it should: the S3 backend named only in settings, and WeasyPrint imported."""
    seen = {name for path in shop_modules() for name, _usage in top_level_names(path)}

    assert {"storages", "weasyprint", "stripe", "wagtail"} <= seen
    assert not {"pytest", "factory", "playwright", "moto"} & seen


def test_both_files_pin_every_package_exactly_and_once():
    production, development = pinned(ROOT / "requirements.txt"), pinned(ROOT / "requirements-dev.txt")
    lines = {**production, **development}.values()

    assert [line for line in lines if not re.fullmatch(r"[\w.-]+==[\w.+-]+", line)] == []
    assert set(production) & set(development) == set()
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert {"pytest", "ruff", "playwright", "moto", "locust"} <= set(development)


def test_the_production_image_installs_the_shops_requirements_only():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()

    assert "pip install --no-cache-dir -r requirements.txt" in dockerfile
    assert "requirements-dev" not in dockerfile
