"""``WAGTAILSEARCH_BACKENDS`` from the two environment variables of the search lane.

``hub/settings/base.py`` reads ``SEARCH_BACKEND`` and ``SEARCH_URL`` once and calls::

    WAGTAILSEARCH_BACKENDS = search_backends(
        SEARCH_BACKEND,
        SEARCH_URL,
        "search.backends.database",
        database_options={"SEARCH_CONFIG": "simple"},
    )

* ``"database"``: one backend, ``"default"`` = ``database_backend`` (the URL is
  ignored). Only one database backend may be configured at a time: two of them
  share, and overwrite, one index table (wagtail/wagtail#9253).
* ``"opensearch"`` / ``"elasticsearch"``: ``"default"`` is the engine (our subclasses
  in ``search.backends.engine``, whose index settings carry the French+Arabic chain;
  for Elasticsearch ``search.backends.elasticsearch``, which runs it in Python)
  and ``"database"`` is ``database_backend``, kept up to date as well
  (``AUTO_UPDATE``), so that ``search.resilience.run_search`` can answer from it
  when the engine is down.

The engine fails fast: ``TIMEOUT`` 2 s per request and no retry (``max_retries`` 0),
so a dead or hung engine costs a visitor or an editor at most ~2 s — after which
``run_search`` answers from the database and leaves the engine alone for
``RETRY_AFTER`` seconds. ``update_index`` writes through a second client with
``REBUILD_TIMEOUT`` (bulk requests of 1000 pages take longer than 2 s), into a new
index that an alias is switched to at the end (``ATOMIC_REBUILD``).

Index names: modelsearch 1.3.2 has no ``INDEX`` option (an ``INDEX`` key is
silently ignored); it names one index per root model, ``INDEX_PREFIX`` +
``app_model`` — ``passerelle_wagtailcore_page``, ``passerelle_practices_theme``, …
So ``index="passerelle"`` becomes ``INDEX_PREFIX = "passerelle_"``.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

__all__ = ["DATABASE_ALIAS", "ENGINE_BACKENDS", "search_backends"]

ENGINE_BACKENDS = {
    "opensearch": "search.backends.engine.OpenSearchBackend",
    "elasticsearch": "search.backends.elasticsearch.AnalysingElasticsearchBackend",
}
DATABASE_ALIAS = "database"
DEFAULT_INDEX = "passerelle"
ENGINE_TIMEOUT = 2  # seconds per request, searches and single-object indexing
REBUILD_TIMEOUT = 120  # seconds per request during update_index
RETRY_AFTER = 30  # seconds during which run_search skips an engine that just failed

# OpenSearch/Elasticsearch index names: lowercase, no spaces or , " * \ < | > / ?
# The prefix must not start with _ - + and must leave room for "_wagtailcore_page".
_INDEX_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,150}")


def search_backends(
    backend: str,
    url: str,
    database_backend: str,
    *,
    index: str = DEFAULT_INDEX,
    database_options: dict | None = None,
) -> dict:
    """Return the ``WAGTAILSEARCH_BACKENDS`` dict for ``backend``.

    ``backend`` is ``"database"``, ``"opensearch"`` or ``"elasticsearch"`` (case and
    surrounding spaces ignored); ``url`` the engine's base URL (``http(s)://host:port``,
    credentials allowed); ``database_backend`` the dotted path of the database backend;
    ``index`` the prefix of the engine's index names; ``database_options`` extra
    keys of the database entry (e.g. ``{"SEARCH_CONFIG": "simple"}``). Raises
    ``ImproperlyConfigured`` for an unknown backend, an engine without a usable URL
    or a bad index name.
    """
    name = (backend or "").strip().lower()
    database = {
        "BACKEND": database_backend,
        "AUTO_UPDATE": True,
        **(database_options or {}),
    }
    if name == "database":
        return {"default": database}
    if name not in ENGINE_BACKENDS:
        choices = ", ".join(["database", *ENGINE_BACKENDS])
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={backend!r} is not one of: {choices}."
        )
    url = (url or "").strip()
    if not url:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name!r} needs SEARCH_URL (e.g. http://127.0.0.1:9200)."
        )
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ImproperlyConfigured(
            f"SEARCH_URL must be an http(s)://host[:port] URL, not {url!r}."
        )
    if not _INDEX_RE.fullmatch(index):
        raise ImproperlyConfigured(
            f"Search index name {index!r}: lowercase letters, digits, _ . - only."
        )
    return {
        "default": {
            "BACKEND": ENGINE_BACKENDS[name],
            "URLS": [url],
            "INDEX_PREFIX": f"{index}_",
            "TIMEOUT": ENGINE_TIMEOUT,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "AUTO_UPDATE": True,
            "ATOMIC_REBUILD": True,
            "REBUILD_TIMEOUT": REBUILD_TIMEOUT,
            "RETRY_AFTER": RETRY_AFTER,
        },
        DATABASE_ALIAS: database,
    }
