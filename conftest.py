"""Fixtures every app's tests share: the three locales, a small translated catalog and its English-only twin.

Orders are built with `checkout.tests.factories.make_order`, the one order builder of every app's tests."""

import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from products.tests import factories
from storefront import page_cache
from storefront.tests.shared_data import SharedData, fresh


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request to /es/ leaves Spanish active in the thread."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _no_cached_pages():
    """Every test starts with an empty cache, pages and fragments alike: the test database reuses ids and URLs,
    and a row a test wrote (shop settings, a translation) is rolled back without the signal that forgets it."""
    cache.clear()
    page_cache.purge_everything()


@pytest.fixture
def locales(db):
    """{'en': Locale, 'es': Locale, 'ru': Locale}."""
    return {code: factories.locale(code) for code, _name in settings.LANGUAGES}


def build_homes():
    """The home page in every locale, the Spanish and Russian ones translations of the English one."""
    for code, _name in settings.LANGUAGES:
        factories.locale(code)
    en = factories.english_home()
    return {"en": en, "es": factories.translate(en, "es"), "ru": factories.translate(en, "ru")}


def build_catalog(homes):
    """The kitchen under `homes`, translated and published in es and ru (see the `catalog` fixture)."""
    category, kettle, mug = factories.kitchen(homes["en"])
    categories = {"en": category}
    kettles = {"en": kettle}
    mugs = {"en": mug}
    for code, kitchen in (("es", "Cocina"), ("ru", "Кухня")):
        categories[code] = factories.translate(category, code, title=kitchen)
    for code, kettle_title, mug_title in (("es", "Hervidor", "Taza"), ("ru", "Чайник", "Кружка")):
        kettles[code] = factories.translate(kettle, code, title=kettle_title)
        mugs[code] = factories.translate(mug, code, title=mug_title)
    return {"category": categories, "kettle": kettles, "mug": mugs}


def build_shared(names):
    """The parts of a shared set: `homes`, `catalog` (on those homes) and `shop` (the English-only kitchen)."""
    made = {"homes": build_homes()} if "homes" in names else {}
    if "catalog" in names:
        made["catalog"] = build_catalog(made["homes"])
    if "shop" in names:
        made["shop"] = factories.english_shop()
    return made


# Built once per test process and kept while consecutive tests ask for the same (storefront/tests/shared_data.py).
SHARED = SharedData(build_shared)


@pytest.fixture
def homes(locales):
    """The home page in every locale, the Spanish and Russian ones translations of the English one."""
    held = SHARED.holding("homes")
    return fresh(held) if held else build_homes()


@pytest.fixture
def shop(db):
    """The kitchen in English only: {'kettle': Product, 'mug': Product, 'category': page, 'pages': {...}}.
    KET-1 at 24.50 (10 in stock) and MUG-1 at 8.00 (3 in stock), the same products as `catalog`."""
    held = SHARED.holding("shop")
    return fresh(held) if held else factories.english_shop()


@pytest.fixture
def catalog(homes):
    """The kitchen (a category with two products, as in `shop`), everything published in en, es and ru:
    {'category': {code: page}, 'kettle': {code: page}, 'mug': {code: page}}."""
    held = SHARED.holding("catalog")
    return fresh(held) if held else build_catalog(homes)


def uses_database(item) -> bool:
    return bool(item.get_closest_marker("django_db")) or "db" in item.fixturenames


def shared_set_for(item) -> tuple[str, ...]:
    """The parts of the shared set `item` asks for (`catalog` stands on `homes`): none for a test without the
    database or one that needs committed rows."""
    if item is None or not uses_database(item):
        return ()
    marker = item.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(item.fixturenames):
        return ()
    definitions = item._fixtureinfo.name2fixturedefs
    # This conftest's fixtures only (their base id is the root's): search's tests have a `shop` of their own.
    ours = [name for name in ("homes", "catalog", "shop") if name in definitions and definitions[name][-1].baseid == ""]
    return tuple(ours)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once a test's own fixtures are gone, hold the shared set the next test asks for (see `SharedData`). Only
    after a test that used the database: before the first, there is no test database yet."""
    try:
        return (yield)
    finally:
        if SHARED.names or uses_database(item):
            with item.config.stash[blocking_manager_key].unblock():
                SHARED.prepare(shared_set_for(nextitem))


def pytest_collection_modifyitems(items):
    """A transactional test must use serialized rollback, so that the data migrations made (home page,
    locales, groups, content types with their ids) is back after it. Without it, the flush after the test
    re-runs post_migrate, which recreates content types under new ids: content type ids cached in this
    process go stale, and the next serialized restore collides with the recreated rows."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: use @pytest.mark.django_db(transaction=True, serialized_rollback=True)"
            )
    items[:] = grouped_by_shared_set(items)


def grouped_by_shared_set(items):
    """`items` with the tests of each module (or class) that ask for the same shared set one after another, so
    that the set is built once per group rather than each time the next test asks for another one. A module or
    class stays in one piece (its own fixtures are set up once) and in its place (pytest-django's order: tests
    that flush the database last); inside, the groups keep the order in which their first tests came."""
    grouped, run = [], []
    for item in items:
        if run and _container(item) != _container(run[0]):
            grouped += _grouped_run(run)
            run = []
        run.append(item)
    return grouped + _grouped_run(run)


def _grouped_run(run):
    first = {}
    for index, item in enumerate(run):
        first.setdefault(shared_set_for(item), index)
    return sorted(run, key=lambda item: first[shared_set_for(item)])


def pytest_runtest_setup(item):
    """A test marked `postgres` or `services` fails, rather than skips, when the run lacks what it needs: a
    PostgreSQL pass with an empty URL must not go green with those tests unrun. (A failure here, not a
    UsageError at collection: pytest-xdist loses the message of an error raised while its workers collect.)"""
    missing = [need for marker, needs in unmet_needs().items() if item.get_closest_marker(marker) for need in needs]
    if missing:
        pytest.fail(
            f"needs {', '.join(missing)}, which this run lacks: `make test-postgres` sets them "
            "(-m 'not postgres and not services' deselects the tests that need them)",
            pytrace=False,
        )


def unmet_needs() -> dict[str, list[str]]:
    """For each marker, the environment its tests need and this run lacks."""
    postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    return {
        "postgres": [] if postgres else ["DATABASE_URL=postgres://…"],
        "services": [name for name in ("REDIS_URL", "CELERY_BROKER_URL") if not getattr(settings, name)],
    }


def _container(item):
    return getattr(item, "module", None), getattr(item, "cls", None)
