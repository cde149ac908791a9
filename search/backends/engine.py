"""OpenSearch / Elasticsearch backends with the French+Arabic analysis.

``OpenSearchBackend`` (OpenSearch 2.x/3.x through opensearch-py 3, i.e. modelsearch's
``opensearch3`` backend: its ``opensearch2`` backend calls opensearch-py 3's
keyword-only APIs positionally) and ``Elasticsearch8Backend`` (same settings, for an
Elasticsearch with analysis-common; the ``elasticsearch`` client refuses to talk to
OpenSearch). ``SEARCH_BACKEND=elasticsearch`` uses its subclass in
``search.backends.elasticsearch``, which analyses in Python for a bare node. Both are
configured by ``hub.search_backends.search_backends`` and add to modelsearch:

* **Analysis.** The class ``settings`` are modelsearch's merged with
  ``search.engine_settings.index_settings()`` (``default`` / ``default_search`` =
  the French+Arabic chain, autocomplete analyzers folded the same way). An
  ``INDEX_SETTINGS`` entry still merges on top.
* **Indexing never blocks an editor, and nothing is lost.** ``add``/``add_bulk``/
  ``delete`` (what the save/delete signal handlers and modelsearch's index task
  call, in the request or in a task worker) catch transport errors — engine down,
  too slow (``TIMEOUT``), refusing the request — log an error naming the object
  and keep the write (``search.kept_writes``: one row per object, written in a
  savepoint so that a database error there neither raises nor poisons the
  caller's transaction), so the publish succeeds; ``search.healing`` replays the
  kept writes once the engine answers again (/readyz notices and enqueues it, or
  ``manage.py heal_search_index``). A successful write clears the object's row —
  or keeps it while an index is being rebuilt, since it went to the index about to
  be replaced. (modelsearch already logs and swallows errors of backends with
  ``catch_indexing_errors``, and the default ``ImmediateBackend`` of django-tasks
  swallows any error of the index task; catching here does not depend on either.)
* **No accidental index, no manual first step.** With ``ATOMIC_REBUILD`` the public
  index name is an alias that ``update_index`` switches to a freshly built index.
  Single-object writes are sent with ``require_alias=true``, so the engine never
  auto-creates a concrete index with dynamic mappings and no analysis (which would
  answer every search with nothing, and nothing would tell the fallback to step
  in). When such a write is refused because the alias is missing (fresh engine,
  engine reset), the index is created the way the atomic rebuilder creates it —
  ``<alias>_auto`` with our settings, the mappings of every model of that index,
  and the alias, in one request — the creation is logged (warning) and the write
  is sent again. So ``import_practices`` or a publish on a fresh engine is found at
  once; the pages saved before are sent by the heal, which finds the new index
  short and rebuilds it behind the alias (``search.index_check``), or by
  ``update_index``.
* **Bulk deletes** (``delete_pks``): the heal replays kept deletes in one request
  per index; a document already gone is fine.
* **Two timeouts.** Searches and single-object writes use ``TIMEOUT`` (2 s) so a
  dead engine fails fast; ``update_index`` writes through a second client with
  ``REBUILD_TIMEOUT`` because a bulk request of 1000 pages can take longer.
* **Ranked ids in one request.** ``results.pks()`` (used through
  ``search.backends.ids.ranked_pks`` by the search service) asks the engine for
  the ids only, in one request, and loads nothing (plus the ranking texts below).
* **The same order as the database backends.** Each document keeps the analysed
  title and zoned body of ``search.backends.field_ranking`` (``RANKING_FIELD``, an
  object the engine stores but does not index); a search by relevance asks for it
  for its first ``RERANKED`` ids, by pk in a second request (which scores
  nothing), and orders them by ``field_ranking``'s key. Documents indexed before
  it have no such field: they rank after those that have it (in the engine's
  order among themselves) until ``update_index``.
* ``transport_errors``: the exceptions that mean "engine trouble" for
  ``search.resilience`` (connection refused/reset, timeout, HTTP errors). Query
  building errors (``FilterFieldError``…) are not in it: those are bugs.
  ``TRANSPORT_ERRORS`` is the same for both clients at once, for the callers that
  do not know which engine answers (``search.service``, ``search.autocomplete``).
"""

from __future__ import annotations

import logging
from copy import deepcopy
from functools import cached_property
from urllib.parse import urlparse

import elastic_transport
import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchResults,
)
from modelsearch.backends.elasticsearchbase import (
    ElasticsearchAtomicIndexRebuilder,
    ElasticsearchAutocompleteQueryCompilerImpl,
    ElasticsearchBaseSearchBackend,
    ElasticsearchIndexRebuilder,
)
from modelsearch.backends.opensearch3 import (
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchResults,
)
from modelsearch.index import class_is_indexed, get_indexed_models
from modelsearch.utils import deep_update

from search.engine_settings import index_settings

from .field_ranking import (
    RANKING_FIELD,
    RERANKED,
    is_ranked_search,
    object_texts,
    query_terms,
    reranked,
)

__all__ = [
    "ELASTICSEARCH_ERRORS",
    "OPENSEARCH_ERRORS",
    "TRANSPORT_ERRORS",
    "Elasticsearch8Backend",
    "OpenSearchBackend",
    "engine_errors",
]

logger = logging.getLogger(__name__)

DEFAULT_REBUILD_TIMEOUT = 120
DEFAULT_RETRY_AFTER = 30

# TransportError covers ConnectionError, ConnectionTimeout and every HTTP error
# (NotFoundError for a missing index, RequestError, 5xx…).
OPENSEARCH_ERRORS = (
    opensearchpy.exceptions.TransportError,
    opensearchpy.exceptions.SerializationError,
)
# elastic_transport.TransportError: connection, timeout, TLS, serialisation;
# elasticsearch.ApiError: HTTP errors, UnsupportedProductError included.
ELASTICSEARCH_ERRORS = (elastic_transport.TransportError, elasticsearch.ApiError)
# "The engine is unreachable, too slow or failing", whichever client: connection
# refused/reset and TLS (ConnectionError, SSLError/TlsError), our TIMEOUT (the
# clients raise ConnectionTimeout when it runs out: there is no timeout class of
# our own) and HTTP errors. Both clients raise a 5xx (503 unavailable…) as the
# base class (TransportError / ApiError), not as a subclass of its own, so the
# base classes are in it, and with them the 4xx subclasses: 404 is a missing index
# (fresh or reset engine), which the database answers meanwhile. Nothing else —
# a ValueError, a RuntimeError, a database error — is engine trouble: those are
# bugs and must raise.
TRANSPORT_ERRORS = (*OPENSEARCH_ERRORS, *ELASTICSEARCH_ERRORS)
# Bulk writes report per-document failures (e.g. a missing alias) in the response,
# which the bulk helpers raise as BulkIndexError: an indexing failure as well.
OPENSEARCH_INDEXING_ERRORS = (*OPENSEARCH_ERRORS, opensearchpy.helpers.BulkIndexError)
ELASTICSEARCH_INDEXING_ERRORS = (
    *ELASTICSEARCH_ERRORS,
    elasticsearch.helpers.BulkIndexError,
)
BULK_ERRORS = (
    opensearchpy.helpers.BulkIndexError,
    elasticsearch.helpers.BulkIndexError,
)


def engine_errors(backend) -> tuple[type[BaseException], ...]:
    """The exceptions that mean "engine trouble" for ``backend``; ``()`` when it is
    not an engine (a database backend). Works for modelsearch's own engine
    backends too, not only for the subclasses below."""
    errors = getattr(backend, "transport_errors", None)
    if errors:
        return tuple(errors)
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        if backend.client_class.__module__.startswith("opensearchpy"):
            return OPENSEARCH_ERRORS
        return ELASTICSEARCH_ERRORS
    return ()


def describe_error(exc: BaseException) -> str:
    """One line for the logs: class and message, without a multi-line traceback."""
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:300] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _engine_settings(base: dict) -> dict:
    return deep_update(deepcopy(base), index_settings())


INDEX_NOT_FOUND = "index_not_found_exception"
INDEX_EXISTS = ("resource_already_exists_exception", "index_already_exists_exception")
# Suffix of the concrete index created behind a missing alias (update_index builds
# <alias>_<7 random characters> and deletes this one when it switches the alias).
AUTO_INDEX_SUFFIX = "auto"


def _error_type(body) -> str | None:
    """The ``error.type`` of an engine response body, if any."""
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict):
            return error.get("type")
        if isinstance(error, str):
            return error
    return None


def is_error_type(exc: BaseException, types) -> bool:
    """Whether ``exc`` (an engine HTTP error, or a bulk error whose every failed
    document) has an ``error.type`` among ``types``."""
    types = (types,) if isinstance(types, str) else tuple(types)
    if isinstance(exc, BULK_ERRORS):
        # errors: [{"index": {"_id": …, "status": 404, "error": {"type": …}}}, …]
        results = [next(iter(item.values()), None) for item in exc.errors or []]
        return bool(results) and all(
            isinstance(result, dict) and _error_type(result) in types
            for result in results
        )
    if getattr(exc, "error", None) in types:
        return True
    return _error_type(getattr(exc, "info", None)) in types


# --- documents ----------------------------------------------------------------------


class RankingMappingMixin:
    """Documents carry ``field_ranking``'s texts: stored, never indexed or
    analysed (``enabled: false``), so they cost no index space nor match."""

    def get_mapping(self):
        mapping = super().get_mapping()
        mapping["properties"][RANKING_FIELD] = {"type": "object", "enabled": False}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        document[RANKING_FIELD] = object_texts(obj)
        return document


class OpenSearchMapping(RankingMappingMixin, OpenSearch3Mapping):
    pass


class ElasticsearchMapping(RankingMappingMixin, Elasticsearch8Mapping):
    pass


# --- indexes and rebuilders ---------------------------------------------------------


class EngineIndexMixin:
    """An index whose client can be swapped (the rebuild client) and whose
    single-object writes require the public name to be an alias."""

    # False on the new concrete index that update_index fills (see the rebuilders).
    write_through_alias = True

    def __init__(self, backend, name, es=None):
        super().__init__(backend, name)
        if es is not None:
            self.es = es

    def _through_alias(self) -> bool:
        return self.write_through_alias and self.backend.atomic_rebuild

    def _write_params(self) -> dict:
        return {"require_alias": True} if self._through_alias() else {}

    def _write(self, write, target):
        """Run ``write()``; if the engine refused it because the alias is missing,
        create the index behind the alias (``create_behind_alias``) and run it
        once more. Any other error, or a failed creation, is raised as it was."""
        try:
            return write()
        except self.backend.indexing_errors as exc:
            if not (self._through_alias() and is_error_type(exc, INDEX_NOT_FOUND)):
                raise
            if not self.create_behind_alias(target):
                raise
        return write()

    def add_item(self, item):
        if not class_is_indexed(item.__class__):
            return
        mapping = self.mapping_class(item.__class__)
        document = {self.document_keyword: mapping.get_document(item)}
        self._write(
            lambda: self.es.index(
                index=self.name,
                id=mapping.get_document_id(item),
                **document,
                **self._write_params(),
            ),
            item,
        )

    def model_mappings(self) -> dict:
        """The mappings ``update_index`` puts into this index (one ``add_model``
        per indexed model whose index this is), merged into one."""
        merged = {}
        for model in get_indexed_models():
            if self.backend.get_index_for_model(model).name == self.name:
                deep_update(merged, deepcopy(self.mapping_class(model).get_mapping()))
        return merged

    def create_behind_alias(self, target) -> bool:
        """Create ``<alias>_auto`` with our settings (the French+Arabic analysis),
        the mappings of every model of this index and the alias, in one request —
        what the atomic rebuilder builds, minus the documents. Return whether the
        alias now exists (also when another process created it meanwhile)."""
        client = self.backend.rebuild_es  # creating an index may take over 2 s
        if client.indices.exists_alias(name=self.name):
            return True  # created meanwhile (another process, another write)
        if client.indices.exists(index=self.name):
            # A concrete index under the alias name (made by hand, or before
            # ATOMIC_REBUILD): leave it to update_index, which replaces it.
            logger.error(
                "Search engine %s has an index named %s instead of an alias; run "
                "`manage.py update_index` to replace it.",
                self.backend.describe(),
                self.name,
            )
            return False
        concrete = f"{self.name}_{AUTO_INDEX_SUFFIX}"
        body = deepcopy(self.backend.settings)
        body["mappings"] = self.model_mappings()
        body["aliases"] = {self.name: {}}
        try:
            self._create_index(client, concrete, body)
        except self.backend.transport_errors as exc:
            if not is_error_type(exc, INDEX_EXISTS):
                raise
            # Another process won the race (same name, created with its alias).
            return bool(client.indices.exists_alias(name=self.name))
        logger.warning(
            "Search engine %s had no index %s: created %s behind that alias, with "
            "the Passerelle analysis and mappings, to index %r. Objects saved "
            "before are not in it until saved again, the heal rebuilds it "
            "(`manage.py heal_search_index`) or `manage.py update_index`.",
            self.backend.describe(),
            self.name,
            concrete,
            target,
        )
        return True

    def _create_index(self, client, name, body):
        raise NotImplementedError

    def aliased_indices(self):
        # Same client as self (the rebuild client when called by the rebuilder).
        return [
            type(self)(self.backend, name, es=self.es)
            for name in self.es.indices.get_alias(name=self.name)
        ]

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        mapping = self.mapping_class(model)
        actions = []
        for item in items:
            action = {"_id": mapping.get_document_id(item)}
            action.update(mapping.get_document(item))
            actions.append(action)
        if actions:
            self._write(
                lambda: self.backend.bulk(
                    self.es, actions, index=self.name, **self._write_params()
                ),
                f"{model._meta.label} objects",
            )

    def delete_pks(self, pks):
        """Delete the documents of ``pks`` in one bulk request (``search.healing``
        replays kept deletes so). A document already gone (404) is fine."""
        actions = [{"_op_type": "delete", "_id": str(pk)} for pk in pks]
        if actions:
            self.backend.bulk(self.es, actions, index=self.name, ignore_status=(404,))


class OpenSearchIndex(EngineIndexMixin, OpenSearch3Index):
    document_keyword = "body"  # opensearch-py's name for the indexed document

    def _create_index(self, client, name, body):
        client.indices.create(index=name, body=body)


class ElasticsearchIndex(EngineIndexMixin, Elasticsearch8Index):
    document_keyword = "document"  # elasticsearch 8's name for it

    def _create_index(self, client, name, body):
        client.indices.create(index=name, **body)


def _use_rebuild_client(index):
    index.es = index.backend.rebuild_es
    return index


class EngineIndexRebuilder(ElasticsearchIndexRebuilder):
    """``ATOMIC_REBUILD = False``: delete, recreate and fill the index in place
    (searches see a partial index meanwhile), with the rebuild client."""

    def __init__(self, index):
        super().__init__(_use_rebuild_client(index))


class EngineAtomicIndexRebuilder(ElasticsearchAtomicIndexRebuilder):
    """Build ``<name>_<random>``, then point the alias ``<name>`` at it and delete
    the previous index (modelsearch's rebuilder), with the rebuild client. Searches
    keep answering from the previous index until the switch."""

    def __init__(self, index):
        super().__init__(index)
        _use_rebuild_client(self.alias)
        _use_rebuild_client(self.index)
        self.index.write_through_alias = False


# --- ranked ids ---------------------------------------------------------------------

# Largest from + size of one search request: the engines' default
# index.max_result_window (the search service asks for at most this many ids).
MAX_RESULT_WINDOW = 10_000


class PksSearchResultsMixin:
    """``pks()``: the ranked pks in one or two search requests
    (``search.backends.ids``).

    Upstream's results scroll through the hits 100 at a time and load each hundred
    from the database: for 10,000 matches, 100 round trips to the engine and 100
    queries. Here one request asks for ids only — no stored field, ``pk`` read
    from doc values, no total count — and nothing is loaded: the search service
    keeps only the ids of live hub pages (its facet index), which is what loading
    them through the queryset ensured. A search by relevance then reads the
    ranking texts of its first ``RERANKED`` hits by pk (``field_ranking`` orders
    those). The query (the queryset's filters included) is upstream's; equal
    scores are ordered by pk.
    Beyond ``MAX_RESULT_WINDOW`` (or unbounded), upstream's scroll answers.
    """

    def pks(self):
        if self.stop is not None and self.stop <= self.start:
            return []
        bounded = self.stop is not None and self.stop <= MAX_RESULT_WINDOW
        if not self._reranks():
            if bounded:
                return self._hits(self.start, self.stop)
            return [obj.pk for obj in self]  # upstream's scroll
        if bounded:
            pks = self._hits(0, max(self.stop, RERANKED))
        else:
            scroll = self._clone()
            scroll.start = 0
            pks = [obj.pk for obj in super(PksSearchResultsMixin, scroll)._do_search()]
        texts = self._ranking_texts(pks[:RERANKED])
        terms = query_terms(self.query_compiler.query)
        return reranked(pks, terms, lambda _head: texts)[self.start : self.stop]

    def _get_es_body(self, for_count=False):
        """Upstream's body; by relevance, equal scores in a fixed order (by pk,
        a keyword, descending): otherwise the engine breaks ties by its internal
        document order, which a segment merge between two requests changes —
        page 2 of a search then repeated fiches of page 1."""
        body = super()._get_es_body(for_count=for_count)
        if not for_count and "sort" not in body:
            body["sort"] = ["_score", {"pk": "desc"}]
            body["track_scores"] = True
        return body

    def _do_search(self):
        """The objects in ``pks()``'s order when ``field_ranking`` orders them, so
        that a search loading objects (the admin's, the autocomplete's fallback…)
        ranks as the search service's ids; otherwise upstream's."""
        if not self._reranks():
            yield from super()._do_search()
            return
        pks = self.pks()
        objects = {
            obj.pk: obj for obj in self.query_compiler.queryset.filter(pk__in=pks)
        }
        yield from (objects[pk] for pk in pks if pk in objects)

    def _reranks(self) -> bool:
        """Whether ``field_ranking`` orders (part of) these results."""
        return self.start < RERANKED and not self._score_field and self._by_fields()

    def _by_fields(self) -> bool:
        """Whether ``field_ranking`` orders these results (a search by relevance;
        not the autocomplete, whose last word is a prefix)."""
        compiler = self.query_compiler
        return (
            compiler.order_by_relevance
            and not isinstance(compiler, ElasticsearchAutocompleteQueryCompilerImpl)
            and is_ranked_search(compiler.query)
        )

    def _hits(self, start, stop):
        """The pks of hits ``start:stop``, in one request."""
        model = self.query_compiler.queryset.model
        response = self._backend_do_search(
            self._get_es_body(),
            index=self.backend.get_index_for_model(model).name,
            _source=False,
            stored_fields="_none_",
            docvalue_fields=["pk"],
            from_=start,
            size=stop - start,
            track_total_hits=False,
        )
        to_pk = model._meta.pk.to_python
        return [to_pk(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]

    def _ranking_texts(self, pks):
        """{pk: (analysed title, zoned body)} of ``pks``: a lookup by pk, which
        scores nothing (asking the search for them would rank every match a
        second time, and asking it for every hit's texts would be megabytes)."""
        if len(pks) < 2:
            return {}
        model = self.query_compiler.queryset.model
        response = self._backend_do_search(
            {"query": {"terms": {"pk": [str(pk) for pk in pks]}}},
            index=self.backend.get_index_for_model(model).name,
            _source=[RANKING_FIELD],
            docvalue_fields=["pk"],
            size=len(pks),
            track_total_hits=False,
        )
        to_pk = model._meta.pk.to_python
        return {
            to_pk(hit["fields"]["pk"][0]): _texts(hit)
            for hit in response["hits"]["hits"]
        }


def _texts(hit):
    texts = (hit.get("_source") or {}).get(RANKING_FIELD) or {}
    return texts.get("title") or "", texts.get("body") or ""


class OpenSearchResults(PksSearchResultsMixin, OpenSearch3SearchResults):
    pass


class ElasticsearchResults(PksSearchResultsMixin, Elasticsearch8SearchResults):
    pass


# --- backends -----------------------------------------------------------------------


class EngineBackendMixin:
    basic_rebuilder_class = EngineIndexRebuilder
    atomic_rebuilder_class = EngineAtomicIndexRebuilder
    catch_indexing_errors = True
    transport_errors: tuple[type[BaseException], ...] = ()
    indexing_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, params):
        params = dict(params)
        self.rebuild_timeout = params.pop("REBUILD_TIMEOUT", DEFAULT_REBUILD_TIMEOUT)
        self.retry_after = params.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER)
        self.atomic_rebuild = bool(params.get("ATOMIC_REBUILD", True))
        # The base class mutates OPTIONS (adds the timeout): work on copies, so the
        # settings dict stays as written and the rebuild client can be built alike.
        params["OPTIONS"] = dict(params.get("OPTIONS") or {})
        self._client_params = {
            key: deepcopy(params.get(key)) for key in ("HOSTS", "URLS", "OPTIONS")
        }
        super().__init__(params)

    @cached_property
    def rebuild_es(self):
        """A client like ``self.es`` but with ``REBUILD_TIMEOUT``, for update_index."""
        options = dict(self._client_params["OPTIONS"])
        if self._client_params["HOSTS"] is None:
            urls = self._client_params.get("URLS") or ["http://localhost:9200"]
            if isinstance(urls, str):
                urls = [urls]
            options.update(
                self._get_options_from_host_urls([urlparse(u) for u in urls])
            )
        options[self.timeout_kwarg_name] = self.rebuild_timeout
        return self.client_class(hosts=self.hosts, **options)

    def describe(self) -> str:
        """The engine's host:port list, for logs (never credentials)."""
        hosts = self.hosts or []
        if isinstance(hosts, (str, dict)):
            hosts = [hosts]
        parts = []
        for host in hosts:
            if isinstance(host, dict):
                parts.append(f"{host.get('host')}:{host.get('port')}")
            else:
                parsed = urlparse(str(host))
                parts.append(f"{parsed.hostname}:{parsed.port}")
        return ", ".join(parts) or "?"

    def _guarded(self, action, target, func, *args, objects=(), kept_as=None):
        """Run the write ``func(*args)``; on engine trouble log it and keep
        ``objects`` (``search.kept_writes``) for ``search.healing`` to replay
        once the engine answers; on success forget what was kept for them."""
        from search import kept_writes  # models: imported once apps are ready

        try:
            result = func(*args)
        except self.indexing_errors as exc:
            kept = kept_writes.keep(objects, kept_as)
            if kept:
                then = (
                    "kept for a replay when the engine answers again (`manage.py "
                    "heal_search_index`)"
                )
            else:
                then = "the index stays out of date until `manage.py update_index`"
            logger.error(
                "Search engine %s could not %s %r (%s). The change is saved; %s.",
                self.describe(),
                action,
                target,
                describe_error(exc),
                then,
            )
            return None
        kept_writes.written(objects, kept_as)
        return result

    def add(self, obj):
        return self._guarded(
            "index", obj, super().add, obj, objects=[obj], kept_as="index"
        )

    def add_bulk(self, model, obj_list):
        label = f"{model._meta.label} objects"
        obj_list = list(obj_list)
        return self._guarded(
            "index",
            label,
            super().add_bulk,
            model,
            obj_list,
            objects=obj_list,
            kept_as="index",
        )

    def delete(self, obj):
        return self._guarded(
            "remove", obj, super().delete, obj, objects=[obj], kept_as="delete"
        )


class OpenSearchBackend(EngineBackendMixin, OpenSearch3SearchBackend):
    mapping_class = OpenSearchMapping
    index_class = OpenSearchIndex
    results_class = OpenSearchResults
    transport_errors = OPENSEARCH_ERRORS
    indexing_errors = OPENSEARCH_INDEXING_ERRORS
    settings = _engine_settings(OpenSearch3SearchBackend.settings)


class Elasticsearch8Backend(EngineBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = ElasticsearchMapping
    index_class = ElasticsearchIndex
    results_class = ElasticsearchResults
    transport_errors = ELASTICSEARCH_ERRORS
    indexing_errors = ELASTICSEARCH_INDEXING_ERRORS
    settings = _engine_settings(Elasticsearch8SearchBackend.settings)


SearchBackend = OpenSearchBackend
