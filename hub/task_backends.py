"""``TASKS`` (django-tasks) from the ``TASKS_BACKEND`` environment variable.

* ``"immediate"``: a task runs inside ``enqueue()``, in the request that asked
  for it — nothing else to start: development, ``make run`` and the tests.
* ``"database"``: a task is a row of ``django_tasks_db``'s table, written in
  the same transaction as the change that asked for it, and run by a worker
  (``make worker``: ``manage.py db_worker``) — production's default, so that an
  upload or a publish returns at once and a failed task can be retried later
  (``hub.task_retry``).

``hub/settings/base.py`` reads the variable; the default depends on the
settings module (immediate in base/dev, database in production).
"""

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(name):
    """``TASKS`` for the backend called ``name`` (a key of ``BACKENDS``)."""
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}."
        )
    return {"default": {"BACKEND": BACKENDS[name]}}
