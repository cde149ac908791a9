"""Tests: fast hashing, no manifest needed for static files, in-memory cache."""

import os

from search.backend_config import search_backends

from .base import SEARCH_BACKEND, SEARCH_URL
from .dev import *  # noqa: F403
from .dev import STORAGES as _STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **_STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Each test process (an xdist worker) gets its own engine indices: tests create and
# delete pages freely and must not see another process's documents.
WAGTAILSEARCH_BACKENDS = search_backends(
    SEARCH_BACKEND,
    SEARCH_URL,
    "search.backends.database",
    index=f"passerelle_test_{os.getpid()}",
    database_options={"SEARCH_CONFIG": "simple"},
)
