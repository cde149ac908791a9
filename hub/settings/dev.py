"""Local development: SQLite by default, console e-mail, demo-friendly hosts."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS as _HOSTS
from .base import SECRET_KEY as _SECRET

DEBUG = True
SECRET_KEY = _SECRET or "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = _HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
