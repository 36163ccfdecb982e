"""The database search backend, stemming every page in its own language on PostgreSQL.

Wagtail's PostgreSQL backend keeps one `IndexEntry` row per object, holding tsvectors built at index time with the
backend's single `SEARCH_CONFIG`, and builds the tsquery at search time with that same configuration. Declaring one
backend per language does not help: every auto-updating backend writes the same row (the table is shared, keyed on
content type and object id), so the last one to index an object wins and every page ends up stemmed in one language.

So this backend keeps the one shared index and chooses the configuration per object instead:

- at index time, from the object's locale (`LANGUAGE_CONFIGS`: language code -> PostgreSQL configuration; a
  language without one uses `simple`, objects without a locale, such as images, use `SEARCH_CONFIG`);
- at search time, from the language the caller names with `backend.for_language(code)`, so the shopper's words are
  stemmed like the pages of their locale. Searches that name no language (the admin's) use `SEARCH_CONFIG`;
  autocomplete always uses `simple`, as in Wagtail, so it matches prefixes in every language.

On SQLite and the other databases, `SearchBackend` returns Wagtail's own database backend unchanged.

It also finds a search's candidates (`candidate_ids`) cheaply, for a search to rank only a bounded number of pages
(see `search.query.search_products`).
"""

import copy

from django.db import connection
from django.db.models import F
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from wagtail.models import Locale

UNSTEMMED = "simple"


def language_of(language_code):
    """'es-mx' -> 'es'."""
    return (language_code or "").split("-")[0].lower()


class MultilingualPostgresIndex(PostgresIndex):
    """Writes each object's tsvectors with the configuration of the object's language."""

    def add_items(self, model, objs):
        groups = {}
        for obj, config in zip(objs, self.backend.configs_for_objects(objs), strict=True):
            groups.setdefault(config, []).append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    index_class = MultilingualPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        configs = params.get("LANGUAGE_CONFIGS", {})
        self.language_configs = {language_of(code): config for code, config in configs.items()}

    def config_for_language(self, language_code):
        return self.language_configs.get(language_of(language_code), UNSTEMMED)

    def configs_for_objects(self, objs):
        """The configuration for each object, with one query for all their locales."""
        locale_ids = {obj.locale_id for obj in objs if getattr(obj, "locale_id", None)}
        languages = dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
        configs = []
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            # Objects without a locale (images, documents) get the site's default configuration.
            configs.append(self.config_for_language(language) if language else self.config)
        return configs

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        return clone

    def for_language(self, language_code):
        """This backend, searching with the text search configuration of `language_code`."""
        return self.with_config(self.config_for_language(language_code))

    def candidate_ids(self, terms, queryset, limit):
        """The primary keys of up to `limit` objects of `queryset` matching all `terms` (as `search(terms, queryset,
        operator="and")` does): those with every term in their title first, then the others, each newest (highest
        key) first. Nothing is ranked.

        The title matches come first because the ranking puts them first: the title is weighted A and the rest D,
        so for one word a title match ranks at least 0.6 times its title's length norm (about 1) and a match
        elsewhere at most 0.01 (for several words, a page would need dozens of them in its text to catch up).
        Within each group, newest first is the ranking's own tie-break, and lets PostgreSQL either walk the primary
        key backwards and stop at `limit` matches (a common word) or take a rarer word's matches from a GIN index
        (on title, or on title || body): either way the work stays near `limit` rows, whatever the catalog's size.
        """
        compiler = self.query_compiler_class(queryset, terms, operator="and")
        tsquery = compiler.build_tsquery(compiler.query, config=self.config)
        if tsquery is None:
            return []
        entries = queryset.alias(_title_=F("index_entries__title")).order_by("-pk").values_list("pk", flat=True)
        ids = list(entries.filter(_title_=tsquery)[:limit])
        if len(ids) < limit:
            # The search's own filter (on `title || body`, which its GIN index serves), less the title matches.
            vector = F("index_entries__title")._combine(F("index_entries__body"), "||", False)
            elsewhere = entries.alias(_vector_=vector).filter(_vector_=tsquery).exclude(_title_=tsquery)
            ids += elsewhere[: limit - len(ids)]
        return ids


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    return DatabaseSearchBackend({k: v for k, v in params.items() if k != "LANGUAGE_CONFIGS"})
