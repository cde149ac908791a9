"""Search-engine writes that failed, kept in a table until they are replayed.

``search.backends.engine`` calls ``keep`` when the engine refused or missed a
write (index or delete) and ``written`` when one went through; ``search.healing``
replays the kept ones once the engine answers again. One row per object
(``KeptWrite``): its index's root model and pk, the latest action wins.

Keeping a write must never break the editor's save. It runs where the write
did — in the request (immediate tasks), in a task worker, or inside the
caller's transaction (deletes are sent by ``post_delete``) — so each statement
runs in its own savepoint (``transaction.atomic``, nested): a database error
rolls back the savepoint only, is logged, and the caller's transaction goes on
unharmed.

While ``search.healing`` rebuilds an index, a successful write is kept too: it
went to the index about to be replaced (the alias still points at it), so it is
replayed after the switch (``rebuilding``).
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from modelsearch.backends.base import get_model_root

from .models import KeptWrite

__all__ = [
    "REBUILDING_KEY",
    "keep",
    "object_key",
    "pending_count",
    "rebuilding",
    "written",
]

logger = logging.getLogger(__name__)

# Set (in the shared cache) by search.healing while it rebuilds an index.
REBUILDING_KEY = "search-heal:rebuilding"


def object_key(obj) -> tuple[str, str]:
    """``(root model label, pk)``: the document's index and id. A page is kept as
    ``wagtailcore.Page``: its specific class and its Page row (both send
    post_delete) are one document of one index."""
    return get_model_root(type(obj))._meta.label, str(obj.pk)


def rebuilding() -> bool:
    return bool(cache.get(REBUILDING_KEY))


def keep(objects, action: str) -> int:
    """Record ``action`` (``KeptWrite.INDEX`` or ``DELETE``) for each of
    ``objects``; return how many were recorded. Never raises a database error."""
    now = timezone.now()
    kept = 0
    for obj in objects:
        if obj.pk is None:
            continue
        label, pk = object_key(obj)
        try:
            with transaction.atomic():
                updated = KeptWrite.objects.filter(
                    model_label=label, object_pk=pk
                ).update(action=action, changed_at=now, attempts=F("attempts") + 1)
                if not updated:
                    KeptWrite.objects.create(
                        model_label=label,
                        object_pk=pk,
                        action=action,
                        first_failed_at=now,
                        changed_at=now,
                    )
        except DatabaseError as exc:
            # Two processes creating the same row (IntegrityError), a database
            # down or locked: the save goes on; the count check of /readyz will
            # find the gap and search.healing rebuild the index.
            logger.error(
                "Could not keep the failed search-engine write (%s %s %s) for a "
                "later replay: %s",
                action,
                label,
                pk,
                " ".join(str(exc).split()),  # one line: a driver's error has several
            )
            continue
        kept += 1
    return kept


def written(objects, action: str) -> None:
    """The engine took ``action`` for ``objects``: forget what was kept for them —
    unless an index is being rebuilt, in which case keep it for after the switch."""
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects:
        return
    if rebuilding():
        keep(objects, action)
        return
    by_label: dict[str, list[str]] = {}
    for obj in objects:
        label, pk = object_key(obj)
        by_label.setdefault(label, []).append(pk)
    try:
        with transaction.atomic():
            for label, pks in by_label.items():
                KeptWrite.objects.filter(model_label=label, object_pk__in=pks).delete()
    except DatabaseError as exc:
        # The row stays; its replay will index the object once more: harmless.
        logger.warning(
            "Could not clear kept search-engine writes: %s", " ".join(str(exc).split())
        )


def pending_count() -> int:
    return KeptWrite.objects.count()
