"""A request that meets a database going away waits for it instead of failing.

``CONN_HEALTH_CHECKS`` replaces a connection that died *between* requests.
A request under way while PostgreSQL restarts (or fails over) still meets a
dead connection or a refused one in the middle: Django answers 500, and the
load run (benchmarks/load_run.py) counted six of them for a 0.4 s restart.

``DatabaseOutageMiddleware`` (in ``MIDDLEWARE`` after the security headers
and static files, around everything that may query) notices that a request
failed on the database — Django sends ``got_request_exception`` for every
exception it turns into a 500, wherever it was raised, middleware included —
and then:

* a safe request (GET, HEAD, OPTIONS: running it again changes nothing) is run
  again once the database answers, waiting up to ``DATABASE_OUTAGE_WAIT``
  seconds (10: a restart takes about one), checking every quarter second to
  two seconds;
* an unsafe one (a form sent) is not run again — it could have been written
  before the failure — and, like a safe one still failing after the wait, gets
  a 503 page saying to try again in a moment, with ``Retry-After``. Nothing is
  half-written: a view's writes are in a transaction that the failure rolled
  back.

Only ``OperationalError`` and ``InterfaceError`` count: the database is
unreachable, restarting, or the connection broke. An ``IntegrityError`` or a
``ProgrammingError`` is a bug, and stays a 500.
"""

from __future__ import annotations

import logging
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers

__all__ = ["DatabaseOutageMiddleware", "note_database_failure"]

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DATABASE_ERRORS = (OperationalError, InterfaceError)
FLAG = "_database_failed"
FIRST_PAUSE, LONGEST_PAUSE = 0.25, 2.0
RETRY_AFTER = 10  # seconds, said to the browser and to proxies with the 503


def note_database_failure(sender, request=None, **kwargs):
    """``got_request_exception`` receiver: mark the request when what Django is
    turning into a 500 is the database going away."""
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, DATABASE_ERRORS):
        setattr(request, FLAG, True)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, FLAG, False):
            return response
        if request.method not in SAFE_METHODS:
            logger.warning(
                "%s %s failed on the database; not run again (not a safe method).",
                request.method,
                request.path,
            )
            return unavailable(request)
        deadline = time.monotonic() + settings.DATABASE_OUTAGE_WAIT
        pause = FIRST_PAUSE
        attempt = 1
        while True:
            # Also when the database accepts connections but the request
            # still fails on it (a failover under way): the deadline holds.
            if time.monotonic() >= deadline or not wait_for_database(deadline, pause):
                logger.error(
                    "%s %s: the database did not answer within %s s.",
                    request.method,
                    request.path,
                    settings.DATABASE_OUTAGE_WAIT,
                )
                return unavailable(request)
            attempt += 1
            setattr(request, FLAG, False)
            response = self.get_response(request)
            if not getattr(request, FLAG, False):
                logger.warning(
                    "%s %s answered at attempt %s, after the database came back.",
                    request.method,
                    request.path,
                    attempt,
                )
                return response
            pause = min(pause * 2, LONGEST_PAUSE)


def wait_for_database(deadline: float, pause: float) -> bool:
    """Drop the broken connections and wait until the database accepts a new
    one, or the deadline passes (False)."""
    while True:
        for connection in connections.all(initialized_only=True):
            # Never inside a transaction here (no ATOMIC_REQUESTS): closing
            # loses nothing, and the next query opens a fresh connection.
            if not connection.in_atomic_block:
                connection.close()
        try:
            connections["default"].ensure_connection()
            return True
        except DATABASE_ERRORS:
            connections["default"].close()
        if time.monotonic() + pause > deadline:
            return False
        time.sleep(pause)
        pause = min(pause * 2, LONGEST_PAUSE)


def unavailable(request):
    """The 503 page in the language of the address: rendered without the
    request (its context processors may query), never cached."""
    with translation.override(
        translation.get_language_from_request(request, check_path=True)
    ):
        body = render_to_string("503.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response
