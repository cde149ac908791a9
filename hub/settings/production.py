"""Production: refuses to start without its secrets or on a per-process cache;
passes ``check --deploy``."""

from django.core.exceptions import ImproperlyConfigured

from hub.task_backends import tasks_setting

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    CACHES,
    PRODUCTION_PAGE_CACHE_SECONDS,
    SECRET_KEY,
    TASKS_BACKEND,
)

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
# Every worker process must see the same cache: the search's facet index, the
# promoted results and the password-form throttling are invalidated or counted
# there, and with a cache per process a page published, unpublished or restricted
# in one worker would stay stale in the others, and each worker would count
# password guesses on its own.
per_process_caches = (  # lowercase: not a setting
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
if CACHES["default"]["BACKEND"] in per_process_caches:
    raise ImproperlyConfigured(
        "CACHE_URL must name a cache shared by every process in production "
        "(redis://host:6379/0, rediss://… or unix://…): the local-memory cache "
        "is per process."
    )

DEBUG = False
# Text extraction, thumbnails, search indexing and e-mails are queued in the
# database and run by `make worker` (manage.py db_worker): an upload or a
# publish returns at once, and a failed mail is retried later.
TASKS = tasks_setting(TASKS_BACKEND or "database")
# Anonymous pages served from the shared cache (hub/page_cache.py); invalidated
# on every public change, this is only the ceiling for changes without a signal.
PAGE_CACHE_SECONDS = PRODUCTION_PAGE_CACHE_SECONDS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# Probes (load balancer, container runtime) ask over plain HTTP: /healthz and
# /readyz answer there instead of redirecting to HTTPS (hub/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
# Sessions read from the shared cache, written through to the database: one
# query less on every member's page, and no one logged out when Redis restarts.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day, then log in again
# Communes share office computers: closing the browser ends the session.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
