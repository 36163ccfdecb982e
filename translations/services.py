"""The one way interface-string overrides change: save, approve, revert, import, clean. Each writes its history
row, and once committed makes the change live everywhere (`publish`): the overrides' version is bumped and the
language's pages are purged."""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from products.cache import purge_language
from storefront import interface_overrides
from translations.catalogue import entry_key, load_catalogue
from translations.memory import remember
from translations.models import MemoryEntry, ReviewState, StringOverride, StringOverrideChange
from translations.validation import check_translation

logger = logging.getLogger(__name__)


def catalogue_key(msgctxt: str, msgid: str) -> str:
    """The key gettext looks a message up by, as in a compiled catalogue."""
    return f"{msgctxt}\x04{msgid}" if msgctxt else msgid


def load_overrides() -> dict:
    """{language code: {plural rule: {gettext key: translation}}} for every override (the loader of
    `interface_overrides`); singular translations under the rule "" (the language's own)."""
    overrides = {code: {} for code, _name in settings.LANGUAGES}
    try:
        rows = list(StringOverride.objects.values_list("language_code", "msgctxt", "msgid", "plural_forms", "forms"))
    except DatabaseError:  # the table is not there yet (before `migrate`): the shipped catalogues alone
        logger.warning("Interface overrides not loaded: the database is not ready", exc_info=True)
        return overrides
    for language_code, msgctxt, msgid, plural_forms, forms in rows:
        entries = overrides.setdefault(language_code, {}).setdefault(plural_forms, {})
        key = catalogue_key(msgctxt, msgid)
        if plural_forms:
            entries.update({(key, index): form for index, form in enumerate(forms)})
        else:
            entries[key] = forms[0]
    return overrides


def publish(language_code: str) -> None:
    """After a change commits: every process reloads the overrides within a minute, this one now, and the
    language's cached pages go."""
    interface_overrides.bump_version()
    purge_language(language_code)


def _record(language_code, entry, action, previous, value, user):
    StringOverrideChange.objects.create(
        language_code=language_code,
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        action=action,
        previous=previous,
        value=value,
        user=user if user and user.is_authenticated else None,
    )


def current_override(language_code, entry):
    return StringOverride.objects.filter(language_code=language_code, msgctxt=entry.msgctxt, msgid=entry.msgid).first()


def save_override(
    language_code, entry, forms, user, *, approve=False, action=StringOverrideChange.Action.SAVED, publish_now=True
):
    """Validate and save a translation of `entry`; live once committed. A reviewer's save is approved at once,
    anyone else's needs review. Saving the shipped translation again removes the override. Returns the override
    (None when removed). Raises ValidationError for a translation that may not stand (`translations.validation`).
    A caller saving many (an import) passes `publish_now=False` and publishes once.
    """
    check_translation(entry, forms)
    with transaction.atomic():
        override = (
            StringOverride.objects.select_for_update()
            .filter(language_code=language_code, msgctxt=entry.msgctxt, msgid=entry.msgid)
            .first()
        )
        previous = override.forms if override else entry.shipped_forms
        if forms == entry.shipped_forms and not entry.fuzzy:
            if override is None:
                return None
            override.delete()
            _record(language_code, entry, StringOverrideChange.Action.REVERTED, previous, forms, user)
            if publish_now:
                transaction.on_commit(lambda: publish(language_code))
            return None
        if override is None:
            override = StringOverride(
                language_code=language_code, msgctxt=entry.msgctxt, msgid=entry.msgid, msgid_plural=entry.msgid_plural
            )
        override.plural_forms = entry.plural_forms if entry.msgid_plural else ""
        unchanged = override.pk and override.forms == forms
        override.forms = forms
        override.updated_by = user if user and user.is_authenticated else None
        if approve:
            override.state, override.reviewed_by = ReviewState.APPROVED, override.updated_by
        elif not unchanged:
            override.state, override.reviewed_by = ReviewState.NEEDS_REVIEW, None
        override.save()
        if approve:
            _remember(override, entry.app)
        _record(language_code, entry, action, previous, forms, user)
        if publish_now:
            transaction.on_commit(lambda: publish(language_code))
    return override


def approve_override(override, user) -> StringOverride:
    """A reviewer of the language approves the override as it stands (the views check who may)."""
    with transaction.atomic():
        override.state, override.reviewed_by = ReviewState.APPROVED, user
        override.save(update_fields=["state", "reviewed_by", "updated_at"])
        StringOverrideChange.objects.create(
            language_code=override.language_code,
            msgctxt=override.msgctxt,
            msgid=override.msgid,
            action=StringOverrideChange.Action.APPROVED,
            previous=override.forms,
            value=override.forms,
            user=user,
        )
        shipped = load_catalogue(override.language_code).by_key.get(entry_key(override.msgctxt, override.msgid))
        _remember(override, shipped.app if shipped else "")
    return override


def _remember(override, where):
    """An approved interface string joins the translation memory (its singular form, the one a page reuses)."""
    remember(override.language_code, override.msgid, override.forms[0], MemoryEntry.Origin.INTERFACE, where)


def revert_override(language_code, entry, user) -> bool:
    """Drop the override of `entry`: the shipped translation is used again. Returns whether there was one."""
    with transaction.atomic():
        override = current_override(language_code, entry)
        if override is None:
            return False
        override.delete()
        _record(language_code, entry, StringOverrideChange.Action.REVERTED, override.forms, entry.shipped_forms, user)
        transaction.on_commit(lambda: publish(language_code))
    return True


def clean_shipped(language_codes=None) -> int:
    """Remove the overrides whose translation the shipped catalogues now hold (a deploy brought it): they
    would only hide a later fix in the files. Returns how many were removed."""
    removed = 0
    codes = language_codes or [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    for language_code in codes:
        load_catalogue.cache_clear()
        catalogue = load_catalogue(language_code)
        stale = []
        for override in StringOverride.objects.filter(language_code=language_code):
            entry = catalogue.by_key.get(_key_of(override))
            if entry is not None and entry.translated and entry.shipped_forms == override.forms:
                stale.append((override, entry))
        with transaction.atomic():
            for override, entry in stale:
                override.delete()
                _record(language_code, entry, StringOverrideChange.Action.CLEANED, override.forms, override.forms, None)
        if stale:
            removed += len(stale)
            transaction.on_commit(lambda code=language_code: publish(code))
    return removed


def _key_of(override):
    return entry_key(override.msgctxt, override.msgid)


def clean_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: every deploy runs `migrate`, so the overrides a deploy made useless go then (not
    on another database, nor after a `migrate translations zero`, when the table is gone)."""
    if using != DEFAULT_DB_ALIAS or StringOverride._meta.db_table not in connections[using].introspection.table_names():
        return
    removed = clean_shipped()
    if removed:
        logger.info("Removed %d interface overrides the shipped catalogues now hold", removed)
