"""The search engine node of the engine lanes (OpenSearch or Elasticsearch).

``SEARCH_BACKEND`` names the engine the lane started (``.ci/engine-lane.sh``:
opensearch, ``.ci/es-lane.sh``: elasticsearch); the engine tests configure that
one at ``SEARCH_URL``. The node is probed through ``/_cluster/health``, never its
root: Elasticsearch's integ-test distribution answers ``GET /`` with 405.
"""

from __future__ import annotations

import json
import os
import urllib.request
from functools import cache

from hub.search_backends import ENGINE_BACKENDS
from search.engine_settings import FULL_TEXT_FILTERS

SEARCH_URL = os.environ.get("SEARCH_URL", "").strip()
_named = os.environ.get("SEARCH_BACKEND", "").strip().lower()
ENGINE = _named if _named in ENGINE_BACKENDS else "opensearch"


@cache
def engine_answers() -> bool:
    """Whether a search engine answers at SEARCH_URL."""
    if not SEARCH_URL:
        return False
    try:
        url = f"{SEARCH_URL.rstrip('/')}/_cluster/health"
        with urllib.request.urlopen(url, timeout=3) as response:
            return "status" in json.load(response)
    except (OSError, ValueError):
        return False


def engine_client():
    """A client of the lane's engine with a generous timeout, for test set-up."""
    if ENGINE == "elasticsearch":
        from elasticsearch import Elasticsearch

        return Elasticsearch(hosts=[SEARCH_URL], request_timeout=30)
    from opensearchpy import OpenSearch

    return OpenSearch(hosts=[SEARCH_URL], timeout=30)


def delete_indexes(prefix: str) -> None:
    """Delete the indexes (and aliases) whose names start with ``prefix``_."""
    engine_client().indices.delete(
        index=f"{prefix}_*", ignore_unavailable=True, expand_wildcards="all"
    )


def assert_passerelle_analysis(es, alias, concrete):
    """OpenSearch: the index's default analyzers are the French+Arabic chain.
    Elasticsearch (no analysis-common): every text field of the mapping uses the
    built-in whitespace analyzer, the chain runs in Python."""
    if ENGINE == "elasticsearch":
        properties = es.indices.get_mapping(index=alias)[concrete]["mappings"][
            "properties"
        ]
        texts = {n: f for n, f in properties.items() if f.get("type") == "text"}
        assert {"_all_text", "_edgengrams", "title"} <= set(texts)
        assert {f["analyzer"] for f in texts.values()} == {"whitespace"}
        return
    analyzers = es.indices.get_settings(index=alias)[concrete]["settings"]["index"][
        "analysis"
    ]["analyzer"]
    assert analyzers["default"]["filter"] == FULL_TEXT_FILTERS


def refusal() -> Exception:
    """An error of the lane's client, as when the engine refuses a request."""
    if ENGINE == "elasticsearch":
        from elastic_transport import ConnectionError as ElasticConnectionError

        return ElasticConnectionError("cluster_block_exception: read-only")
    from opensearchpy.exceptions import TransportError

    return TransportError(403, "cluster_block_exception", "read-only")
