"""Structured logs (issue #11): one JSON object per line to stderr in production,
readable text in development; a 500 leaves its traceback; nothing secret is
written (no request repr with its query string, no cookie, no POST data)."""

import json
import logging

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from hub.structured_logs import AccessFormatter, JsonFormatter, logging_config
from hub.urls import urlpatterns as site_urlpatterns
from tests.test_settings import run, run_production

SECRET_QUERY = "return_url=/fr/prive/&token=s3cr3t-query"
PASSWORD = "hunter2-pass-phrase"
COOKIE = "sessionid-cookie-value"


class Boom(RuntimeError):
    pass


def broken_view(request):
    raise Boom("the view broke on purpose")


def fine_view(request):
    return HttpResponse("fine")


# This module is the URLconf of the tests below: the site's, plus two views.
urlpatterns = [
    path("_test/broken/", broken_view),
    path("_test/fine/", fine_view),
    *site_urlpatterns,
]
handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"


@pytest.fixture
def site_with_broken_view(settings):
    settings.ROOT_URLCONF = __name__


def django_request_records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
def test_a_view_that_raises_gives_the_500_page_and_a_logged_traceback(
    site_with_broken_view, caplog
):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = COOKIE
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(f"/_test/broken/?{SECRET_QUERY}", {"password": PASSWORD})
    assert response.status_code == 500
    assert "Erreur du serveur" in response.content.decode()
    (record,) = django_request_records(caplog)
    line = JsonFormatter().format(record)
    assert "\n" not in line  # one object per line
    data = json.loads(line)
    assert data["level"] == "ERROR"
    assert data["logger"] == "django.request"
    assert data["status_code"] == 500
    assert data["method"] == "POST"
    assert data["path"] == "/_test/broken/"
    assert "Traceback (most recent call last)" in data["exc_info"]
    assert "Boom: the view broke on purpose" in data["exc_info"]
    assert "broken_view" in data["exc_info"]
    for secret in ("s3cr3t-query", "return_url", PASSWORD, COOKIE):
        assert secret not in line
    assert "request" not in data


def test_the_json_formatter_keeps_extra_fields_and_dates_with_offset():
    record = logging.LogRecord(
        "search.resilience",
        logging.WARNING,
        __file__,
        1,
        "engine %s down",
        ("x",),
        None,
    )
    record.engine = "127.0.0.1:9200"
    data = json.loads(JsonFormatter().format(record))
    assert data["message"] == "engine x down"
    assert data["engine"] == "127.0.0.1:9200"
    assert data["time"][10] == "T" and data["time"][-6] in "+-"
    assert "exc_info" not in data


def test_the_access_formatter_writes_gunicorns_atoms_without_query_string():
    atoms = {
        "h": "127.0.0.1",
        "{x-forwarded-for}i": "203.0.113.7",
        "m": "GET",
        "U": "/fr/recherche/",
        "q": "q=eau&token=s3cr3t",
        "r": "GET /fr/recherche/?q=eau&token=s3cr3t HTTP/1.1",
        "s": "200",
        "B": 1234,
        "M": 87,
        "a": 'Mozilla "quoted"',
        "f": "https://example.org/?token=s3cr3t",
    }
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        "%(m)s %(U)s %(s)s",
        (atoms,),
        None,
    )
    line = AccessFormatter().format(record)
    data = json.loads(line)
    assert data["message"] == "GET /fr/recherche/ 200"
    assert data["remote_addr"] == "127.0.0.1"
    assert data["forwarded_for"] == "203.0.113.7"
    assert data["path"] == "/fr/recherche/"
    assert (data["status"], data["bytes"], data["duration_ms"]) == ("200", 1234, 87)
    assert data["user_agent"] == 'Mozilla "quoted"'
    assert "s3cr3t" not in line


def test_logging_config_refuses_an_unknown_format_or_level():
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logging_config("xml")
    with pytest.raises(ValueError, match="LOG_LEVEL"):
        logging_config("json", "LOUD")


LOG_AN_ERROR = (
    "import django, logging; django.setup(); "
    "logging.getLogger('search.resilience').warning('engine down'); "
    "logging.getLogger('practices.importers.run').info('imported'); "
    "logging.getLogger('opensearch').warning('GET http://engine:9200/ failed'); "
    "logging.getLogger('django_tasks').info('Task id=1 state=RUNNING'); "
    "import warnings; warnings.warn('No directory at: /srv/static/'); "
    "\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n"
    "    logging.getLogger('django.request').exception('Internal Server Error: /x')"
)


def test_production_writes_one_json_object_per_line_to_stderr():
    result = run_production(["-c", LOG_AN_ERROR])
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    records = [json.loads(line) for line in result.stderr.splitlines()]
    by_logger = {r["logger"]: r for r in records}
    assert by_logger["search.resilience"]["message"] == "engine down"
    assert by_logger["practices.importers.run"]["level"] == "INFO"
    assert "opensearch" not in by_logger  # the engine's trouble: our one line
    assert "django_tasks" not in by_logger
    # A library's warning (WhiteNoise's, without collectstatic) is a record too.
    assert "No directory at" in by_logger["py.warnings"]["message"]
    error = by_logger["django.request"]
    assert "ZeroDivisionError: division by zero" in error["exc_info"]


def test_development_logs_stay_readable():
    result = run(["-c", LOG_AN_ERROR], "hub.settings.dev")
    assert result.returncode == 0, result.stderr
    assert "WARNING search.resilience: engine down" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert not result.stderr.lstrip().startswith("{")


def test_log_level_and_format_follow_the_environment():
    result = run(
        ["-c", LOG_AN_ERROR], "hub.settings.dev", LOG_FORMAT="json", LOG_LEVEL="warning"
    )
    assert result.returncode == 0, result.stderr
    loggers = [json.loads(line)["logger"] for line in result.stderr.splitlines()]
    assert loggers == ["search.resilience", "py.warnings", "django.request"]
