"""Local development: SQLite by default, console e-mail, demo-friendly hosts.

Refuses to start when ``DJANGO_SECRET_KEY`` comes from the environment: that is
how production is configured, and ``manage.py`` falls back to these settings
when ``DJANGO_SETTINGS_MODULE`` is not exported. An operator who exported the
production variables but not the module would otherwise run the production
database with DEBUG on (tracebacks and settings shown to visitors) — a clear
error naming the module to set is what they need instead.
"""

from django.core.exceptions import ImproperlyConfigured

from hub.structured_logs import logging_config

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS as _HOSTS
from .base import LOG_FORMAT, LOG_LEVEL, SECRET_KEY_FROM_ENVIRONMENT

if SECRET_KEY_FROM_ENVIRONMENT:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is set in the environment, so these look like production "
        "variables, but the settings are hub.settings.dev (DEBUG on): export "
        "DJANGO_SETTINGS_MODULE=hub.settings.production, or unset DJANGO_SECRET_KEY "
        "for development."
    )

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = _HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Readable logs in a terminal; LOG_FORMAT=json to see what production writes.
LOGGING = logging_config(LOG_FORMAT or "text", LOG_LEVEL)
# An unknown URL shows the site's 404 page, as in production, not Django's
# debug page (hub/debug_not_found.py).
MIDDLEWARE = [*MIDDLEWARE, "hub.debug_not_found.SiteNotFoundMiddleware"]  # noqa: F405
