"""The task queue's readiness check (``READINESS_CHECKS["tasks"]``, /readyz).

* ``"off"``: the immediate backend — tasks run inside the request, there is no
  queue to watch (development, ``make run``).
* ``"degraded"``: a task has been ready to run for more than
  ``TASK_QUEUE_MAX_WAIT`` — no worker is taking tasks (dead, stopped, never
  started) or they cannot keep up. The site still answers, so the instance
  stays in the balancer; uploads wait for their text and thumbnail, publishes
  for the search index, e-mails for their sending.
* ``"ok"``: the database backend, and nothing ready has waited that long.

A task is ready from its enqueueing, or from its ``run_after`` for a deferred
one (a retry waiting for its delay is not late). The ready rows are few and
indexed by status: the query stays cheap however many results are kept.
"""

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from hub.health import DEGRADED, OFF, OK

__all__ = ["check_task_queue", "oldest_ready_since"]


def check_task_queue():
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return OFF
    since = oldest_ready_since(backend.alias)
    if since is not None and timezone.now() - since > settings.TASK_QUEUE_MAX_WAIT:
        return DEGRADED
    return OK


def oldest_ready_since(backend_name):
    """Since when the longest-waiting ready task of ``backend_name`` could have
    run (None: none is ready)."""
    ready = DBTaskResult.objects.ready().filter(backend_name=backend_name)
    undeferred = get_date_max()
    times = [
        ready.filter(run_after=undeferred).aggregate(t=Min("enqueued_at"))["t"],
        ready.exclude(run_after=undeferred).aggregate(t=Min("run_after"))["t"],
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None
