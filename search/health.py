"""The search engine's readiness check (``READINESS_CHECKS`` in
hub/settings/base.py, run by ``hub.health.readyz``).

With the database backend there is no engine: ``"off"``. With an engine, one
request to ``/_cluster/health`` (not the root: ``GET /`` is 405 on the
Elasticsearch of the lane) through the backend's own client — the 2 s
``TIMEOUT`` and no retry of ``hub.search_backends`` — answers ``"ok"``; engine
trouble (``search.backends.engine.engine_errors``) answers ``"degraded"``, not
a failure: ``search.resilience`` answers searches from the database meanwhile,
so the site is still ready. Anything else raises, as in ``run_search``.

When the engine answers but is not whole yet — writes kept during an outage
wait to be replayed, an index is missing or clearly short (counted at most a
minute ago, ``search.index_check``), or a heal is running — the check says
``"degraded"`` too and asks for a heal (``search.healing.request_heal``: one
background task however many probes ask). Probes are what notice that the
engine is back, so the heal starts within one probe interval.
"""

from __future__ import annotations

import logging

from modelsearch.backends import get_search_backend

from search import healing, index_check
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
        backend.es.cluster.health()  # not info(): GET / is 405 on some nodes
    except errors as exc:
        logger.warning(
            "Search engine %s is not answering (%s): searches are answered by the "
            "database backend.",
            describe_backend(backend),
            describe_error(exc),
        )
        # Count again on the first answer: an engine that comes back may come
        # back empty (a reset, a lost volume).
        index_check.forget_states(backend)
        return "degraded"
    if healing.is_healable(backend):
        try:
            unhealed = healing.needs_healing(backend)
        except errors as exc:
            logger.warning(
                "Search engine %s answered, then failed to count its documents (%s).",
                describe_backend(backend),
                describe_error(exc),
            )
            return "degraded"
        if unhealed:
            healing.request_heal()
            return "degraded"
    return "ok"
