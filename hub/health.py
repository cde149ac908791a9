"""``/healthz`` and ``/readyz``: what a load balancer, a container runtime or a
supervisor asks, outside the language prefixes and Wagtail's routing
(``hub/health_urls.py``, included first by ``hub/urls.py``).

* ``/healthz``: the process is alive and answers — ``200 ok`` as text, nothing
  else touched (no database, cache, session or CSRF cookie), so a restart is
  only asked for when the process itself is stuck.
* ``/readyz``: the process can serve pages — JSON, one status per check of
  ``READINESS_CHECKS`` (hub/settings/base.py, dotted paths: ``hub`` imports no
  app above it, the engine's check lives in ``search.health``). A check
  returns ``"ok"``, ``"degraded"`` (the site answers, less well: the search
  engine is down and the database answers searches) or ``"off"`` (not
  configured); one that raises is ``"unavailable"``, and the response is then a
  503, so the balancer sends visitors to another instance. The reason goes to
  the log (logger ``hub.health``), never into the response, which anyone may
  read: no host names, no error messages.

Both answer plain HTTP (``SECURE_REDIRECT_EXEMPT`` in production.py: probes do
not speak TLS) but, like every URL, only for a ``Host`` in ``ALLOWED_HOSTS``.
Neither may be cached.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

__all__ = ["check_cache", "check_database", "check_storage", "healthz", "readyz"]

logger = logging.getLogger(__name__)

OK, DEGRADED, OFF, UNAVAILABLE = "ok", "degraded", "off", "unavailable"
HEALTH_FOLDER = "health"  # in the default storage, emptied after each check


@require_safe
@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def readyz(request):
    checks = {}
    for name, path in settings.READINESS_CHECKS.items():
        try:
            checks[name] = import_string(path)()
        # Whatever a check raises (a driver's error, a timeout, a full disk…)
        # means "not ready": said in the log, never in the response.
        except Exception as exc:  # noqa: BLE001
            logger.warning("Readiness check %r failed: %s", name, one_line(exc))
            checks[name] = UNAVAILABLE
    if UNAVAILABLE in checks.values():
        status, code = UNAVAILABLE, 503
    elif DEGRADED in checks.values():
        status, code = DEGRADED, 200
    else:
        status, code = OK, 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


def check_database():
    """A trivial query on the default database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")
    return OK


def check_cache():
    """A key written, read back and deleted: the shared cache (Redis in
    production) holds the search's indexes and the password throttling."""
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return the value just set")
    finally:
        cache.delete(key)
    return OK


def check_storage():
    """A tiny file written and deleted in ``health/`` of the default storage.

    Reading (``exists``, ``listdir``) would pass on a volume remounted read-only
    after an error, a full disk or a lost write permission: editors' uploads
    and thumbnails would then fail while the probe said ready. A write of a few
    bytes, under a unique name so that workers never collide, costs little on
    a disk and tells the truth.
    """
    name = default_storage.save(
        f"{HEALTH_FOLDER}/readyz-{uuid.uuid4().hex}.txt", ContentFile(b"ok")
    )
    try:
        if not default_storage.exists(name):
            raise RuntimeError("the file just written is not there")
    finally:
        default_storage.delete(name)
    return OK


def one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
