"""Logs to stderr, one JSON object per line (production), or readable (development).

``logging_config(fmt, level)`` is ``LOGGING`` (hub/settings/base.py): every logger
— Django's (``django.request``: a 500 with its traceback), the search fallback
(``search.resilience``, ``search.backends.engine``…), our apps' — goes to one
stderr handler, which the process manager or container runtime collects.
``gunicorn.conf.py`` formats gunicorn's own error and access logs the same way.

What is never written: Django attaches the ``HttpRequest`` to the records of
``django.request`` and ``django.security``; its repr holds the query string (a
password form's ``return_url``, a search's terms), so it is replaced by the
method and the path alone. Cookies, headers and POST data are never read. The
access log keeps the path without its query string and no referrer (which
carries the previous page's).
"""

from __future__ import annotations

import logging
import logging.config
from collections.abc import Mapping
from datetime import UTC, datetime

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

__all__ = [
    "AccessFormatter",
    "JsonFormatter",
    "WithoutTraceback",
    "configure",
    "logging_config",
]

FIELDS = ["asctime", "levelname", "name", "message"]
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}
# Record attributes that are never written: the request (see above), Django's
# runserver socket, and the standard attributes that are noise here.
HIDDEN = [*RESERVED_ATTRS, "request", "server_time", "taskName", "color_message"]


class JsonFormatter(_JsonFormatter):
    """``{"time", "level", "logger", "message"}``, ``exc_info`` (the traceback)
    when there is one, the record's extra fields (``status_code``…), and
    ``method`` and ``path`` for a record about a request."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", FIELDS)
        kwargs.setdefault("rename_fields", RENAMED)
        kwargs.setdefault("reserved_attrs", HIDDEN)
        super().__init__(*args, **kwargs)

    def formatTime(self, record, datefmt=None):
        # ISO 8601 in UTC with milliseconds: sortable, and the same in gunicorn's
        # master (the host's zone) and in the workers (Django's TIME_ZONE).
        moment = datetime.fromtimestamp(record.created, tz=UTC)
        return moment.isoformat(timespec="milliseconds")

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        request = getattr(record, "request", None)
        method = getattr(request, "method", None)
        path = getattr(request, "path", None)
        if isinstance(method, str) and isinstance(path, str):
            log_data["method"] = method
            log_data["path"] = path  # request.path: no query string


# gunicorn's access atoms (gunicorn.glogging.Logger.atoms) written, by name.
ACCESS_ATOMS = {
    "remote_addr": "h",  # the peer: the reverse proxy when there is one
    "forwarded_for": "{x-forwarded-for}i",
    "method": "m",
    "path": "U",  # PATH_INFO: without the query string
    "status": "s",
    "bytes": "B",
    "duration_ms": "M",  # request time, milliseconds
    "user_agent": "a",
}


class AccessFormatter(JsonFormatter):
    """gunicorn's access log as JSON: the ``ACCESS_ATOMS`` of each request as
    fields (escaped by the JSON encoder, whatever a client sends), the message
    being ``access_log_format`` filled in."""

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        atoms = record.args  # logging unpacks the one mapping gunicorn passes
        if not isinstance(atoms, Mapping):
            return
        for field, atom in ACCESS_ATOMS.items():
            value = atoms.get(atom)
            if value not in (None, "-"):
                log_data[field] = value


class WithoutTraceback(logging.Filter):
    """A record's message without its traceback: a request for a host not in
    ``ALLOWED_HOSTS`` (a scanner, a misconfigured probe) is one line, not 15."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        return True


def max_level(*levels: str) -> str:
    return max(levels, key=logging.getLevelName)


def configure(config: dict) -> None:
    """``LOGGING_CONFIG``: Django's ``dictConfig``, and Python's warnings sent
    to the logs (``py.warnings``) — a library's ``UserWarning`` would otherwise
    be a bare line on stderr among the JSON ones."""
    logging.config.dictConfig(config)
    logging.captureWarnings(True)


def logging_config(fmt: str = "json", level: str = "INFO") -> dict:
    """``LOGGING`` for ``fmt`` ``"json"`` (one object per line) or ``"text"``
    (readable, for development), everything at ``level`` and above to stderr."""
    if fmt not in ("json", "text"):
        raise ValueError(f"LOG_FORMAT must be json or text, not {fmt!r}.")
    if logging.getLevelName(level) == f"Level {level}":
        raise ValueError(f"LOG_LEVEL {level!r} is not a logging level.")
    formatters = {
        "json": {"()": "hub.structured_logs.JsonFormatter"},
        "text": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    }
    stderr = {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "formatter": fmt,
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {fmt: formatters[fmt]},
        "filters": {"without_traceback": {"()": WithoutTraceback}},
        "handlers": {"stderr": stderr},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # Django's own handlers removed (console only with DEBUG, mail to
            # ADMINS otherwise: a 500 in production left no trace); its records
            # go up to the root's handler like everybody's.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.security.DisallowedHost": {"filters": ["without_traceback"]},
            # The engine clients log every failed request with its traceback;
            # search.resilience, search.backends.engine and search.health say
            # the same in one line, with what it means for the site.
            **{
                name: {"level": max_level(level, "ERROR")}
                for name in ("opensearch", "elastic_transport", "elasticsearch")
            },
            # django-tasks writes two lines per task (each page saved is indexed
            # by one); their failures are still written.
            "django_tasks": {"level": max_level(level, "WARNING")},
        },
    }
