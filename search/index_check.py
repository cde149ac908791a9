"""Is each engine index there, and about as full as the database?

For every index of the engine backend (one per root model: pages, images,
documents…), the documents the engine counts behind its alias against the
objects the database would index (``get_indexed_objects()`` of its models).
An index is to be rebuilt (``IndexState.needs_rebuild``) when it is missing — a
fresh or reset engine — or *clearly* smaller than the database: fewer than
``SHORT_RATIO`` of the objects and more than ``SHORT_GAP`` documents missing.

Why the slack: the two counts are never read at the same instant. The engine
shows a write about a second later (its refresh interval), writes may be in
flight in a worker or kept for a replay (``search.kept_writes``, which heals
them one by one), and the database backend counts drafts and pages the engine
may have refused. A rebuild re-sends every object of the index; it is for an
engine that lost documents wholesale (reset, restored from an old snapshot,
writes dropped before kept writes existed), not for a handful of stragglers.

``cached_states`` keeps the answer ``CACHE_SECONDS`` in the shared cache: /readyz
is probed every few seconds and must stay cheap (one count per index on each
side otherwise).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.cache import cache
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import (
    group_models_by_index,
)

from .backends.engine import INDEX_NOT_FOUND, is_error_type

__all__ = [
    "CACHE_SECONDS",
    "SHORT_GAP",
    "SHORT_RATIO",
    "IndexState",
    "cached_states",
    "forget_states",
    "index_states",
    "indexes",
]

SHORT_RATIO = 0.9
SHORT_GAP = 5
CACHE_SECONDS = 60


@dataclass(frozen=True)
class IndexState:
    name: str  # the alias (the public index name)
    documents: int | None  # None: no such index or alias
    objects: int

    @property
    def missing(self) -> bool:
        return self.documents is None

    @property
    def short(self) -> bool:
        if self.documents is None:
            return False
        gap = self.objects - self.documents
        return self.documents < SHORT_RATIO * self.objects and gap > SHORT_GAP

    @property
    def needs_rebuild(self) -> bool:
        return self.missing or self.short


def indexes(backend):
    """``{index: [models]}`` of ``backend``, as ``update_index`` groups them."""
    return group_models_by_index(backend, get_indexed_models())


def index_states(backend) -> list[IndexState]:
    """Count both sides now. Engine trouble raises (``backend.transport_errors``)."""
    states = []
    for index, models in indexes(backend).items():
        objects = _expected_documents(models)
        try:
            documents = backend.es.count(index=index.name)["count"]
        except backend.transport_errors as exc:
            if not is_error_type(exc, INDEX_NOT_FOUND):
                raise
            documents = None
        states.append(IndexState(index.name, documents, objects))
    _remember(backend, states)
    return states


def _expected_documents(models) -> int:
    """How many documents the index should hold: one per pk among the indexed
    objects of its models. Not the root model's count — Wagtail's
    ``Page.get_indexed_objects()`` keeps the pages of that exact class (each
    page is indexed as its specific class) — nor a sum, which would count an
    object twice if two models of the index both listed it."""
    pks = set()
    for model in models:
        pks.update(model.get_indexed_objects().values_list("pk", flat=True))
    return len(pks)


def cached_states(backend) -> list[IndexState]:
    """``index_states`` as counted at most ``CACHE_SECONDS`` ago."""
    found = cache.get(_key(backend))
    if found is not None:
        return [IndexState(**state) for state in found]
    return index_states(backend)


def forget_states(backend) -> None:
    cache.delete(_key(backend))


def _remember(backend, states):
    cache.set(_key(backend), [asdict(s) for s in states], CACHE_SECONDS)


def _key(backend) -> str:
    return f"search-heal:states:{backend.index_prefix}"
