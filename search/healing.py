"""A search engine that heals itself once it answers again.

``heal()`` — run by the background task ``heal_search_task`` (enqueued by
``request_heal``: /readyz's engine check, ``search.health``) or in the
foreground by ``manage.py heal_search_index`` (cron, operators):

1. Asks the engine (``info``); if it does not answer, nothing else is tried.
2. Counts each index against the database (``search.index_check``): a missing
   index (fresh or reset engine) or a clearly short one is rebuilt with the
   backend's rebuilder — with ``ATOMIC_REBUILD``, a new index filled beside the
   old one, then the alias switched to it, so searches keep answering
   meanwhile. While it runs, every engine write is also kept
   (``search.kept_writes.rebuilding``): it went to the index being replaced.
3. Replays the kept writes (``search.kept_writes``), ``BATCH`` objects at a
   time: the object as it is *now* is indexed, or its document deleted when it
   no longer exists or is no longer indexable; each bulk request per index and
   model. A row is removed once written, unless it changed meanwhile (a newer
   failure, replayed next time). Engine trouble stops the replay: the rows
   left count one more attempt.
4. E-mails the coordination (``search.heal_notice``) when it repaired
   something and nothing is left: once per outage or rebuild, not per write.

Only one heal runs at a time (``RUNNING_KEY`` in the shared cache); a hundred
probes enqueue one task (``ENQUEUED_KEY``), and after a heal the next one is
enqueued no sooner than ``RETRY_SECONDS`` later (what it could not repair is not
retried at every probe). Both keys expire by themselves if a worker dies
mid-way.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db.models import F, Min
from django.utils import timezone
from django_tasks import task
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_instance

from . import heal_notice, index_check, kept_writes
from .backends.engine import EngineBackendMixin, describe_error
from .models import KeptWrite

__all__ = [
    "HealReport",
    "engine_backend",
    "heal",
    "heal_search_task",
    "is_healable",
    "needs_healing",
    "request_heal",
]

logger = logging.getLogger(__name__)

BATCH = 500  # kept writes per replay step (one bulk request per index and model)
CHUNK = 1000  # objects per bulk request of a rebuild, as update_index
RUNNING_KEY = "search-heal:running"
RUNNING_SECONDS = 3 * 60 * 60  # longer than any rebuild; expires if a worker dies
ENQUEUED_KEY = "search-heal:enqueued"
ENQUEUED_SECONDS = 10 * 60  # a task lost with its worker is enqueued again after
RETRY_SECONDS = 60  # after a heal, the next one is enqueued no sooner


@dataclass
class HealReport:
    engine: str = "ok"  # "off" (no engine), "down", "busy" (another heal runs), "ok"
    states: list = field(default_factory=list)  # index_check.IndexState, before
    rebuilt: list = field(default_factory=list)  # (index name, objects indexed)
    replayed: int = 0  # kept writes replayed as "index"
    deleted: int = 0  # kept writes replayed as "delete"
    left: int = 0  # kept writes still waiting
    outage_since: object = None  # first failure of the kept writes, if any
    notified: int = 0  # e-mails sent

    @property
    def repaired(self) -> bool:
        return bool(self.rebuilt or self.replayed or self.deleted)

    def summary(self) -> dict:
        """JSON for the task's result (no host names, no error text)."""
        return {
            "engine": self.engine,
            "rebuilt": [name for name, _count in self.rebuilt],
            "replayed": self.replayed,
            "deleted": self.deleted,
            "left": self.left,
            "notified": self.notified,
        }


def is_healable(backend) -> bool:
    """One of our engine backends (``search.backends.engine``)."""
    return isinstance(backend, EngineBackendMixin)


def engine_backend():
    """The ``default`` backend if it is one of our engine backends, else None."""
    backend = get_search_backend("default")
    return backend if is_healable(backend) else None


def needs_healing(backend) -> bool:
    """Kept writes wait, a heal runs, or an index is missing or short (counted at
    most a minute ago). Engine trouble raises (``backend.transport_errors``)."""
    if cache.get(RUNNING_KEY) or kept_writes.rebuilding():
        return True
    if kept_writes.pending_count():
        return True
    return any(s.needs_rebuild for s in index_check.cached_states(backend))


def request_heal() -> bool:
    """Enqueue ``heal_search_task`` unless one is already waiting or running;
    return whether it was enqueued."""
    if cache.get(RUNNING_KEY) or not cache.add(ENQUEUED_KEY, True, ENQUEUED_SECONDS):
        return False
    heal_search_task.enqueue()
    return True


@task()
def heal_search_task():
    try:
        return heal().summary()
    finally:
        # Not deleted but shortened: what a heal could not repair (an engine
        # failing again, an index it cannot fill) is tried again a minute
        # later, not at every probe.
        cache.set(ENQUEUED_KEY, True, RETRY_SECONDS)


def heal(*, out=None) -> HealReport:
    """Rebuild what is missing or short, replay what was kept; ``out(line)``
    hears what is done (the management command prints it)."""
    say = out or (lambda line: None)
    report = HealReport()
    backend = engine_backend()
    if backend is None:
        report.engine = "off"
        say(
            "No search engine is configured (SEARCH_BACKEND=database): nothing to heal."
        )
        return report
    if not cache.add(RUNNING_KEY, True, RUNNING_SECONDS):
        report.engine = "busy"
        say("Another heal is running: nothing done.")
        return report
    try:
        _heal(backend, report, say)
    finally:
        cache.delete(RUNNING_KEY)
    report.left = kept_writes.pending_count()
    if report.repaired and report.engine == "ok" and not report.left:
        report.notified = heal_notice.notify_coordination(report)
    say(f"Kept writes left: {report.left}.")
    return report


def _heal(backend, report, say):
    report.outage_since = KeptWrite.objects.aggregate(first=Min("first_failed_at"))[
        "first"
    ]
    try:
        backend.es.cluster.health()  # not info(): GET / is 405 on some nodes
        report.states = index_check.index_states(backend)
    except backend.transport_errors as exc:
        _engine_failed(backend, report, say, exc, "does not answer")
        return
    for state in report.states:
        documents = "missing" if state.missing else f"{state.documents} documents"
        verdict = "rebuild" if state.needs_rebuild else "ok"
        say(f"{state.name}: {documents} for {state.objects} objects: {verdict}")
    to_rebuild = {s.name for s in report.states if s.needs_rebuild}
    try:
        if to_rebuild:
            cache.set(kept_writes.REBUILDING_KEY, True, RUNNING_SECONDS)
            try:
                for index, models in index_check.indexes(backend).items():
                    if index.name in to_rebuild:
                        count = rebuild(backend, index, models)
                        report.rebuilt.append((index.name, count))
                        say(f"{index.name}: rebuilt behind its alias, {count} objects")
            finally:
                cache.delete(kept_writes.REBUILDING_KEY)
        replay(backend, report)
    except backend.indexing_errors as exc:
        _engine_failed(backend, report, say, exc, "failed during the heal")
    say(f"Replayed: {report.replayed} indexed, {report.deleted} deleted.")
    if report.rebuilt or report.replayed or report.deleted:
        logger.warning(
            "Search engine %s healed: %d index(es) rebuilt, %d kept write(s) replayed.",
            backend.describe(),
            len(report.rebuilt),
            report.replayed + report.deleted,
        )
    # Counted again, so that /readyz says ok at once (not a minute later).
    index_check.forget_states(backend)
    if report.engine == "ok":
        try:
            index_check.index_states(backend)
        except backend.transport_errors:
            pass


def _engine_failed(backend, report, say, exc, what):
    report.engine = "down"
    logger.warning(
        "Search engine %s %s (%s): kept writes wait for the next heal.",
        backend.describe(),
        what,
        describe_error(exc),
    )
    say(f"The search engine {what}: kept writes wait for the next heal.")


def rebuild(backend, index, models) -> int:
    """Fill a new index with every indexed object of ``models`` and switch the
    alias to it (``backend.rebuilder_class``, as ``update_index`` does); return
    how many objects were sent."""
    rebuilder = backend.rebuilder_class(index)
    new_index = rebuilder.start()
    for model in models:
        new_index.add_model(model)
    count = 0
    for model in models:
        queryset = model.get_indexed_objects().order_by("pk")
        last = None
        while True:
            chunk = queryset if last is None else queryset.filter(pk__gt=last)
            items = list(chunk[:CHUNK])
            if not items:
                break
            new_index.add_items(model, items)
            count += len(items)
            last = items[-1].pk
    rebuilder.finish()
    return count


def replay(backend, report) -> None:
    """Replay every kept write, ``BATCH`` rows at a time, in the order kept."""
    last = 0
    while True:
        started = timezone.now()
        rows = list(KeptWrite.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not rows:
            return
        last = rows[-1].pk
        try:
            for label, pks in _by_label(rows).items():
                indexed, deleted = _replay_objects(backend, label, pks)
                report.replayed += indexed
                report.deleted += deleted
        except backend.indexing_errors:
            KeptWrite.objects.filter(pk__in=[r.pk for r in rows]).update(
                attempts=F("attempts") + 1
            )
            raise
        KeptWrite.objects.filter(
            pk__in=[r.pk for r in rows], changed_at__lte=started
        ).delete()


def _by_label(rows):
    by_label = defaultdict(list)
    for row in rows:
        by_label[row.model_label].append(row.object_pk)
    return by_label


def _replay_objects(backend, label, pks):
    """Index the objects of ``pks`` that exist and are indexable, delete the
    others' documents; return ``(indexed, deleted)``."""
    try:
        root = apps.get_model(label)
    except LookupError:
        logger.warning("Kept search writes of %s: no such model, dropped.", label)
        return 0, 0
    index = backend.get_index_for_model(root)
    by_model = defaultdict(list)
    for obj in root._default_manager.filter(pk__in=pks):
        instance = get_indexed_instance(obj)  # None: no longer indexable
        if instance is not None:
            by_model[type(instance)].append(instance)
    found = {str(obj.pk) for items in by_model.values() for obj in items}
    for model, items in by_model.items():
        index.add_items(model, items)
    gone = [pk for pk in pks if pk not in found]
    index.delete_pks(gone)
    return len(found), len(gone)
