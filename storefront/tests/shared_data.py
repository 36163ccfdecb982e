"""Test data built once per test process and shared by the consecutive tests that ask for it.

Building the translated kitchen (three home pages, a category and two products, each published in three
languages) cost a test more than its own work, and four hundred tests ask for it. `SharedData` builds such a set
once in a transaction of its own and keeps that transaction open while the next tests ask for the same set: each of
them runs in its own savepoint on top (pytest-django's test atomic, nested in ours), so what a test changes is
rolled back after it and the next one finds the set as it was built. As soon as the next test asks for another set,
or for none, or needs committed rows (a transactional test), the transaction is rolled back first: every test
starts from the migrated database plus exactly what it asked for. The root conftest prepares the set between two
tests (`pytest_runtest_teardown` knows the next one) and its fixtures hand out fresh copies of the rows
(`fresh`), so that no Python object outlives the test that changed it.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model


class SharedData:
    """The one open transaction holding a set of rows: `build(names)` makes the parts named (a tuple of names) and
    returns {name: what that part made}."""

    def __init__(self, build: Callable[[tuple[str, ...]], dict]):
        self.build = build
        self.names: tuple[str, ...] = ()
        self.made: dict = {}
        self._atomic = None

    def holding(self, name: str):
        """What the held set made for the part `name`, or None when it holds no such part."""
        return self.made.get(name)

    def prepare(self, names: tuple[str, ...]) -> None:
        """Hold the parts `names` (none: no set) for the next test, building them when another set or none is held.

        Nothing is built while another transaction is open (a module's fixture may hold one): the tests then build
        their data themselves, as they would without this."""
        if names == self.names:
            return
        self.release()
        if not names or connection.in_atomic_block:
            return
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.names = names
        try:
            self.made = self.build(names)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Roll the held set back."""
        if self._atomic is None:
            return
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        self._atomic, self.names, self.made = None, (), {}
        cache.clear()  # Wagtail caches site root paths, which the rollback made stale


def fresh(value):
    """`value` with every model instance in it read again from the database (dicts, lists and tuples followed)."""
    instances = {}
    _collect(value, instances)
    loaded = {model: model._default_manager.in_bulk(pks) for model, pks in instances.items()}
    return _replace(value, loaded)


def _collect(value, instances: dict) -> None:
    if isinstance(value, Model):
        instances.setdefault(type(value), set()).add(value.pk)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, instances)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, instances)


def _replace(value, loaded: dict):
    if isinstance(value, Model):
        return loaded[type(value)][value.pk]
    if isinstance(value, dict):
        return {key: _replace(item, loaded) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_replace(item, loaded) for item in value)
    return value
