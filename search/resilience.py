"""Search that survives a dead engine.

``run_search`` asks the ``default`` search backend. When that is an engine
(OpenSearch/Elasticsearch) and the engine is unreachable, slower than its
``TIMEOUT`` (2 s, see ``hub.search_backends``) or fails at transport level (HTTP
error, missing index…), it logs a warning and answers from the ``database``
backend, which ``search_backends()`` keeps up to date beside the engine, with
``degraded=True`` — so the page can say "simplified search" instead of a 500.

After a failure the engine is skipped for ``RETRY_AFTER`` seconds (30 by default;
per process, per engine): while an engine hangs, only the first visitor of each
period waits for the timeout, the others get the database answer at once.

Errors that are not engine trouble — a bad ``fields`` name, a filter on a field
without ``FilterField``, a database error — still raise: they are bugs to see.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config

from hub.search_backends import DATABASE_ALIAS
from search.backends.engine import (
    DEFAULT_RETRY_AFTER,
    describe_error,
    engine_errors,
)
from search.backends.ids import ranked_pks

__all__ = ["describe_backend", "forget_engine_failures", "run_search"]

logger = logging.getLogger(__name__)

# engine key -> time.monotonic() until which the engine is skipped
_skip_until: dict[tuple, float] = {}
_lock = threading.Lock()


def run_search(
    queryset_or_model,
    query,
    *,
    operator,
    fields=None,
    order_by_relevance=True,
    autocomplete=False,
    limit=None,
    backend="default",
    ids_only=False,
):
    """Search ``queryset_or_model`` for ``query``; return
    ``(results, backend_name, degraded)``.

    * ``results``: a list of model instances (evaluated here, so that engine errors
      surface here and not later in a template), at most ``limit`` of them; with
      ``ids_only=True``, their pks instead, in the same order, read without loading
      any object (``search.backends.ids``).
    * ``backend_name``: the ``WAGTAILSEARCH_BACKENDS`` alias that answered
      (``"default"``, or ``"database"`` after a fallback).
    * ``degraded``: True when the engine failed (or is being skipped after a recent
      failure) and the database backend answered instead.

    ``operator`` ("and"/"or") is required: engines default to "or" and the database
    backends to "and". ``autocomplete=True`` runs a prefix (autocomplete) query.
    ``backend`` is the alias to try first. Never raises for engine trouble.
    """
    primary = get_search_backend(backend)
    errors = engine_errors(primary)
    kwargs = {
        "fields": fields,
        "operator": operator,
        "order_by_relevance": order_by_relevance,
        "autocomplete": autocomplete,
        "limit": limit,
        "ids_only": ids_only,
    }
    if not errors:
        return _evaluate(primary, queryset_or_model, query, **kwargs), backend, False

    key = _engine_key(backend, primary)
    if _skipped(key):
        logger.info(
            "Search engine %s failed less than %s s ago; answering %r from the "
            "database backend.",
            describe_backend(primary),
            _retry_after(primary),
            query,
        )
        return _fallback(queryset_or_model, query, **kwargs)
    try:
        results = _evaluate(primary, queryset_or_model, query, **kwargs)
    except errors as exc:
        _skip(key, _retry_after(primary))
        logger.warning(
            "Search engine %s failed (%s); answering %r from the database backend "
            "and skipping the engine for %s s.",
            describe_backend(primary),
            describe_error(exc),
            query,
            _retry_after(primary),
        )
        return _fallback(queryset_or_model, query, **kwargs)
    return results, backend, False


def forget_engine_failures():
    """Try every engine again on the next search (tests, or after a restart)."""
    with _lock:
        _skip_until.clear()


def _evaluate(
    search_backend,
    queryset_or_model,
    query,
    *,
    fields,
    operator,
    order_by_relevance,
    autocomplete,
    limit,
    ids_only,
):
    method = search_backend.autocomplete if autocomplete else search_backend.search
    results = method(
        query,
        queryset_or_model,
        fields=fields,
        operator=operator,
        order_by_relevance=order_by_relevance,
    )
    if limit is not None:
        results = results[:limit]
    return ranked_pks(results) if ids_only else list(results)


def _fallback(queryset_or_model, query, **kwargs):
    if DATABASE_ALIAS not in get_app_config().get_search_backend_config():
        # Only a hand-written WAGTAILSEARCH_BACKENDS can lack it: search_backends()
        # always adds it beside an engine. An unmaintained index would answer
        # wrongly, so answer nothing (and say so) rather than 500.
        logger.error(
            "No %r search backend is configured to answer while the engine is down.",
            DATABASE_ALIAS,
        )
        return [], DATABASE_ALIAS, True
    fallback = get_search_backend(DATABASE_ALIAS)
    if engine_errors(fallback):
        raise ImproperlyConfigured(
            f"The {DATABASE_ALIAS!r} search backend must be a database backend."
        )
    return _evaluate(fallback, queryset_or_model, query, **kwargs), DATABASE_ALIAS, True


def _engine_key(alias, search_backend) -> tuple:
    return (
        alias,
        type(search_backend).__qualname__,
        repr(getattr(search_backend, "hosts", None)),
    )


def _retry_after(search_backend) -> float:
    return getattr(search_backend, "retry_after", DEFAULT_RETRY_AFTER)


def describe_backend(search_backend) -> str:
    """The engine's hosts for a log line (``describe()``), or the class name."""
    describe = getattr(search_backend, "describe", None)
    return describe() if describe else type(search_backend).__name__


def _skipped(key) -> bool:
    with _lock:
        until = _skip_until.get(key)
        if until is None:
            return False
        if time.monotonic() < until:
            return True
        del _skip_until[key]
        return False


def _skip(key, seconds):
    if seconds and seconds > 0:
        with _lock:
            _skip_until[key] = time.monotonic() + seconds
