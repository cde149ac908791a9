"""The search engine's readiness check (``READINESS_CHECKS`` in
hub/settings/base.py, run by ``hub.health.readyz``).

With the database backend there is no engine: ``"off"``. With an engine, one
request to its root (``info``) through the backend's own client — the 2 s
``TIMEOUT`` and no retry of ``hub.search_backends`` — answers ``"ok"``; engine
trouble (``search.backends.engine.engine_errors``) answers ``"degraded"``, not
a failure: ``search.resilience`` answers searches from the database meanwhile,
so the site is still ready. Anything else raises, as in ``run_search``.
"""

from __future__ import annotations

import logging

from modelsearch.backends import get_search_backend

from search.backends.engine import describe_error, engine_errors
from search.resilience import describe_backend

__all__ = ["check_engine"]

logger = logging.getLogger(__name__)


def check_engine() -> str:
    backend = get_search_backend("default")
    errors = engine_errors(backend)
    if not errors:
        return "off"
    try:
        backend.es.info()
    except errors as exc:
        logger.warning(
            "Search engine %s is not answering (%s): searches are answered by the "
            "database backend.",
            describe_backend(backend),
            describe_error(exc),
        )
        return "degraded"
    return "ok"
