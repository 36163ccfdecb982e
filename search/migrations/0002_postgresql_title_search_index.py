"""A GIN index on the title of the search index, for the PostgreSQL backend's bounded search (search/backend.py).

A search for a word in more texts than a shopper can page through ranks only a bounded set of candidates, the
pages matching in their title first: this index finds those without reading every entry (on a catalog of 100,000
products, a word in no title is otherwise looked for in all of them). Other databases need it not; this migration
does nothing there.
"""

from django.db import migrations

NAME = "search_indexentry_title_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailsearch_indexentry USING gin (title)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_postgresql_search_indexes")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
