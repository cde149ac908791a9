"""PostgreSQL: a GIN index on ``title || body`` of the database search index.

modelsearch's PostgreSQL backend matches with ``(title || body) @@ query`` (see
``search.backends.postgres``), and the index table only has GIN indexes on each
column: every search scanned the whole table, concatenating the two vectors of all
10,000 rows (~200 ms at 10,000 practices) before ranking the matches. With this
expression index a search reads the matching rows only. Nothing to do on SQLite
(FTS5 has its own index) or other databases.
"""

from django.db import migrations

INDEX = "hubsearch_indexentry_title_body_gin"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {quote(INDEX)} ON {quote(_table(apps))} "
        f"USING gin (({quote('title')} || {quote('body')}))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("hubsearch", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
