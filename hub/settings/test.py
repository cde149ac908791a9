"""Tests: fast hashing, no manifest needed for static files, in-memory cache.

Built on base.py, not dev.py: dev.py refuses a DJANGO_SECRET_KEY from the
environment (production variables), which a test run may have and not mind.
"""

import os

from hub.search_backends import search_backends

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS as _HOSTS
from .base import MEDIA_S3_BUCKET, MEDIA_S3_LOCATION, SEARCH_BACKEND, SEARCH_URL
from .base import SECRET_KEY as _SECRET
from .base import STORAGES as _STORAGES

DEBUG = False
SECRET_KEY = _SECRET or "test-only-insecure-key-not-for-production"
ALLOWED_HOSTS = _HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **_STORAGES,
    # Media on S3 (the S3 lane): each test process writes under its own key
    # prefix, so runs and xdist workers sharing the lane's bucket never collide —
    # unless MEDIA_S3_LOCATION names one, as the processes of one installation
    # share theirs (tests/test_backup_restore.py).
    "default": (
        {
            **_STORAGES["default"],
            "OPTIONS": {
                **_STORAGES["default"]["OPTIONS"],
                "location": MEDIA_S3_LOCATION or f"test-{os.getpid()}",
            },
        }
        if MEDIA_S3_BUCKET
        else _STORAGES["default"]
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Wagtail's tasks (reference index, file deletion) run at once, inside the test:
# pinned here rather than left to django-tasks' default, which could change.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Each test process (an xdist worker) gets its own engine indices: tests create and
# delete pages freely and must not see another process's documents.
WAGTAILSEARCH_BACKENDS = search_backends(
    SEARCH_BACKEND,
    SEARCH_URL,
    "search.backends.database",
    index=f"passerelle_test_{os.getpid()}",
    database_options={"SEARCH_CONFIG": "simple"},
)
