"""Retries for background tasks: django-tasks 0.12 has none of its own.

A task decorated with ``retried`` (under ``@task(takes_context=True)``) that
fails with a *transient* error — a mail server not answering, a storage that
times out — is enqueued again, as a new task with the same arguments, to run
after an exponentially growing delay (``first_delay``, twice that, four
times…), ``attempts`` times at most. Each failure is logged with its attempt
(a warning), the last one as an error; an error that ``transient`` does not
recognise is permanent (a refused recipient, a missing object) and is not
tried again: it is logged as an error and the task fails at once.

Only a backend that can defer (the database backend and its worker) waits
before a retry. Under the immediate backend (development, tests) the task runs
inside ``enqueue``, in the request: the retry follows at once, never sleeping
there, still bounded by ``attempts``.

    @task(takes_context=True)
    @retried(transient=is_transient, attempts=6, first_delay=60)
    def send_one(subject, address): ...

The attempt number travels with the task's keyword arguments (``ATTEMPT``), so
that a retry enqueued by one worker and run by another still counts.
"""

import functools
import logging
from datetime import timedelta

from django.utils import timezone

__all__ = ["ATTEMPT", "backoff", "retried"]

logger = logging.getLogger(__name__)

ATTEMPT = "retry_attempt"


def backoff(attempt, first_delay):
    """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
    return first_delay * 2 ** (attempt - 1)


def retried(*, transient, attempts=5, first_delay=60, describe=None):
    """Wrap a task's function (see the module docstring). ``transient(error)``
    says whether ``error`` is worth another attempt; ``describe(*args,
    **kwargs)``, what the task was doing, for the log (default: its name)."""

    def decorate(func):
        def run(context, *args, **kwargs):
            attempt = kwargs.pop(ATTEMPT, 1)
            what = describe(*args, **kwargs) if describe else func.__qualname__
            try:
                result = func(*args, **kwargs)
            except Exception as error:
                if not transient(error):
                    _log_last(what, attempt, error, "a permanent error, not retried")
                    raise
                if attempt >= attempts:
                    _log_last(what, attempt, error, f"not done in {attempt} attempts")
                    raise
                retry = _enqueue_retry(
                    context, what, args, kwargs, attempt, first_delay
                )
                return {"failed_attempt": attempt, "retry": retry.id}
            if attempt > 1:
                logger.info("%s done at attempt %d", what, attempt)
            return result

        # The task is found again by the function's module and name, and
        # django-tasks reads its arguments (``context`` first) from the
        # signature: ``run``'s own, not the wrapped function's.
        functools.update_wrapper(run, func)
        del run.__wrapped__
        return run

    return decorate


def _enqueue_retry(context, what, args, kwargs, attempt, first_delay):
    task = context.task_result.task
    delay = backoff(attempt, first_delay)
    run_after = None
    if task.get_backend().supports_defer:
        run_after = timezone.now() + timedelta(seconds=delay)
        task = task.using(run_after=run_after)
    logger.warning(
        "%s failed (attempt %d), retrying %s",
        what,
        attempt,
        f"in {delay} s" if run_after else "at once (no deferring backend)",
        exc_info=True,
    )
    return task.enqueue(*args, **kwargs, **{ATTEMPT: attempt + 1})


def _log_last(what, attempt, error, why):
    logger.error("%s failed (attempt %d): %s", what, attempt, why, exc_info=error)
