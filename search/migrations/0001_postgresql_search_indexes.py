"""Two indexes the PostgreSQL search backend's queries need, and Wagtail does not create.

- A GIN index on `title || body` of the search index: every search filters on that expression (modelsearch's
  comment says a migration creates it; none does), so without it each search reads the whole index table.
- An index on the product page id as text: the search joins index entries to pages on
  `object_id = page_ptr_id::varchar(50)` (object ids are text), which the primary key cannot serve.

On a catalog of 100,000 products a search for a word in 1.7 % of them goes from about 430 ms to 25 ms (see
bench/results/search.md). Other databases need neither; this migration does nothing there.
"""

from django.db import migrations

INDEXES = [
    (
        "search_indexentry_title_body_gin",
        "wagtailsearch_indexentry USING gin ((title || body))",
    ),
    (
        "search_productpage_id_as_text",
        "products_productpage (((page_ptr_id)::varchar(50)))",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _target in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
        ("products", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
