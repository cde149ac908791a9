"""``BACKEND`` path for ``WAGTAILSEARCH_BACKENDS``: the database backend of the
current database vendor, with our French+Arabic analysis where modelsearch has a
full-text engine to feed it.

Mirrors ``modelsearch/backends/database/__init__.py`` (``SearchBackend``), which
Wagtail exposes as ``wagtail.search.backends.database``: PostgreSQL gets
``search.backends.postgres``; otherwise modelsearch chooses (FTS5 availability check,
MySQL, fallback) and an FTS5 choice is replaced by ``search.backends.sqlite``.
MySQL and the ``LIKE`` fallback keep modelsearch's stock behaviour, without our
analysis.  Modules are imported lazily so that SQLite never imports the PostgreSQL
code (``django.contrib.postgres`` needs psycopg).
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # the name modelsearch's loader looks up
    if connection.vendor == "postgresql":
        from .postgres import AnalysingPostgresSearchBackend

        return AnalysingPostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if type(backend) is SQLiteSearchBackend:
        from .sqlite import AnalysingSQLiteSearchBackend

        return AnalysingSQLiteSearchBackend(params)
    return backend
