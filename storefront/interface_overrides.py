"""Interface-string overrides layered over the compiled catalogues, in every process that translates.

Translators correct the shop's interface strings in the admin (the `translations` app); their corrections live in
the database, never in a file. This module puts them in front of Django's own catalogue of each language, so that
`gettext`, `{% translate %}`, lazy strings, emails, PDFs and Celery tasks all see them with no change to any call:
each language's `DjangoTranslation` gets one more catalogue, an `OverrideLayer`, at the head of its list.

Freshness: the `translations` app bumps `VERSION_KEY` in the shared cache when an override changes. Each process
reads that key at most once every `INTERFACE_OVERRIDES_CHECK_SECONDS` (the middleware below per request, the
Celery `task_prerun` signal per task), and reloads the overrides only when it moved. With no override at all a
request costs one clock reading, and one cache read a process every half-minute; `gettext` itself is unchanged.

Where the overrides come from is the business of the app above: it installs its loader with `set_loader`, so
this bottom layer imports none of them.
"""

import gettext
import logging
import re
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import trans_real

logger = logging.getLogger(__name__)

VERSION_KEY = "interface-overrides-version"
_NOT_LOADED = object()


class OverrideLayer:
    """A catalogue for `TranslationCatalog._catalogs` whose contents are swapped whole (one assignment), so that a
    thread translating while another refreshes sees either the old overrides or the new ones."""

    def __init__(self, data=None):
        self.data = data or {}

    def __getitem__(self, key):
        return self.data[key]

    def __contains__(self, key):
        return key in self.data

    def get(self, key, default=None):
        return self.data.get(key, default)

    def items(self):
        return self.data.items()

    def keys(self):
        return self.data.keys()


class _State:
    loader = None
    applied_version = _NOT_LOADED
    next_check = 0.0
    # language code → (the DjangoTranslation patched, {plural rule: its OverrideLayer})
    layers: dict = {}


_state = _State()
_lock = threading.Lock()


def set_loader(loader) -> None:
    """`loader()` returns {language code: {plural rule: {catalogue key: translation}}}, keys as in a .mo file:
    the msgid, "context\\x04msgid", and (msgid, plural index) for plural forms. The plural rule is a catalogue's
    `Plural-Forms` header (the catalogues of one language may count forms differently, and each keeps its own
    rule in Django's lookup); "" for singular translations."""
    _state.loader = loader
    _state.applied_version = _NOT_LOADED
    _state.next_check = 0.0


def plural_function(plural_forms: str):
    """The function of a `Plural-Forms` header ("nplurals=3; plural=(n%10==1 ...);"), as gettext compiles it."""
    match = re.search(r"plural\s*=\s*([^;]+)", plural_forms)
    return gettext.c2py(match.group(1).strip()) if match else None


def _layer_for(language_code, plural_forms):
    """This language's layer for a plural rule in its current `DjangoTranslation` (Django makes a new one when
    the settings of languages change, in tests): put there once, at the head of its catalogues."""
    translation = trans_real.translation(language_code)
    patched, layers = _state.layers.get(language_code, (None, {}))
    if patched is not translation:
        layers = {}
        _state.layers[language_code] = (translation, layers)
    if plural_forms not in layers:
        layer = OverrideLayer()
        catalog = translation._catalog
        catalog._catalogs.insert(0, layer)
        catalog._plurals.insert(0, plural_function(plural_forms) or translation.plural)
        layers[plural_forms] = layer
    return layers[plural_forms]


def _patched_objects_current():
    return all(trans_real._translations.get(code) is patched for code, (patched, _layer) in _state.layers.items())


def refresh(force=False) -> bool:
    """Reload the overrides if their version moved (at most once every check interval unless `force`).
    Returns whether they were reloaded."""
    now = time.monotonic()
    if not force and now < _state.next_check and _patched_objects_current():
        return False
    _state.next_check = now + settings.INTERFACE_OVERRIDES_CHECK_SECONDS
    if _state.loader is None:
        return False
    version = cache.get(VERSION_KEY)
    if version == _state.applied_version and _patched_objects_current() and not force:
        return False
    with _lock:
        overrides = _state.loader()
        for language_code, patched in list(_state.layers.items()):
            for plural_forms in patched[1]:
                overrides.setdefault(language_code, {}).setdefault(plural_forms, {})  # emptied
        for language_code, by_rule in overrides.items():
            for plural_forms, entries in by_rule.items():
                _layer_for(language_code, plural_forms).data = dict(entries)
        _state.applied_version = version
    logger.debug("Interface overrides loaded (version %s)", version)
    return True


def bump_version() -> None:
    """Tell every process to reload the overrides (within `INTERFACE_OVERRIDES_CHECK_SECONDS`), this one now."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    refresh(force=True)


def refresh_before_task(**kwargs) -> None:
    """Celery `task_prerun` receiver: a worker translates with the same overrides as the web processes."""
    refresh()


class InterfaceOverridesMiddleware:
    """Keeps this process's overrides fresh: `refresh()` before each request (a clock reading, most of the time)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refresh()
        return self.get_response(request)
