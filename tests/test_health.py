"""/healthz and /readyz (issue #11): outside the language prefixes and Wagtail's
routing, no redirect, never cached; /healthz touches nothing, /readyz checks the
database, the cache, the storage and the engine — the engine down is "degraded"
but ready (200), the database, the cache or the storage down is a 503.

Failures are real ones: a Redis URL nobody listens at, an engine URL nobody
listens at, a media root that cannot be a folder (with media on S3: an endpoint
nobody listens at). A working Redis is the ``redis`` service (REDIS_URL, e.g.
``redis://127.0.0.1:6379/15``; REQUIRE_SERVICES lists it in a lane that
provides it).
"""

import json
import os
import socket

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.urls import resolve

from hub.health import HEALTH_FOLDER
from hub.search_backends import search_backends
from search.resilience import forget_engine_failures
from tests.conftest import media_on_s3, require_service
from tests.test_settings import run_production

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL", "")


def unused_port():
    """A local port nobody listens at (connection refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_healthz_answers_ok_touching_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie
    assert response.wsgi_request.path == "/healthz"


def test_healthz_answers_head_and_refuses_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def readyz(client):
    response = client.get("/readyz")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    return response.status_code, json.loads(response.content)


def test_readyz_ready_on_the_test_services(client, media_root):
    code, body = readyz(client)
    engine = "off" if django_settings.SEARCH_BACKEND == "database" else "ok"
    assert (code, body) == (
        200,
        {
            "status": "ok",
            "checks": {
                "database": "ok",
                "cache": "ok",
                "storage": "ok",
                "engine": engine,
                # The immediate backend: no queue to watch.
                "tasks": "off",
            },
        },
    )
    assert default_storage.listdir(HEALTH_FOLDER)[1] == []  # nothing left behind


def test_readyz_unavailable_when_the_cache_is_unreachable(client, settings, caplog):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{unused_port()}/0")
    with caplog.at_level("WARNING", logger="hub.health"):
        code, body = readyz(client)
    assert code == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert "ConnectionError" in caplog.text and "'cache'" in caplog.text
    assert "127.0.0.1" not in json.dumps(body)  # details in the log only


def test_readyz_ready_on_a_real_redis(client, settings):
    require_service(REDIS_URL, "REDIS_URL is not set (no Redis to check)", "redis")
    settings.CACHES = redis_cache(REDIS_URL)
    code, body = readyz(client)
    assert (code, body["checks"]["cache"]) == (200, "ok")


def test_readyz_unavailable_when_the_storage_cannot_write(client, settings, tmp_path):
    if media_on_s3():  # an S3 endpoint nobody listens at
        default = settings.STORAGES["default"]
        endpoint = f"http://127.0.0.1:{unused_port()}"
        options = {**default["OPTIONS"], "endpoint_url": endpoint}
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {**default, "OPTIONS": options},
        }
    else:  # a media root that cannot be a folder
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the media folder should be")
        settings.MEDIA_ROOT = blocker
    code, body = readyz(client)
    assert code == 503
    assert body["checks"]["storage"] == "unavailable"


def test_readyz_unavailable_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("database unreachable")

    # The test database cannot really go away mid-test; its cursor refuses.
    monkeypatch.setattr(connection, "cursor", refuse)
    code, body = readyz(client)
    assert code == 503
    assert body["checks"]["database"] == "unavailable"


def test_readyz_degraded_but_ready_when_the_engine_is_down(client, settings, caplog):
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        "opensearch",
        f"http://127.0.0.1:{unused_port()}",
        "search.backends.database",
        index="passerelle_health_test",
    )
    forget_engine_failures()
    with caplog.at_level("WARNING", logger="search.health"):
        code, body = readyz(client)
    assert code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["engine"] == "degraded"
    assert body["checks"]["database"] == "ok"
    assert "is not answering" in caplog.text


def test_health_urls_are_outside_the_language_prefixes(client):
    """Resolved by the site's URLconf before the language prefixes and Wagtail's
    pages: no redirect to /fr/, no trailing slash, in any language."""
    for name in ("healthz", "readyz"):
        match = resolve(f"/{name}")
        assert (match.url_name, match.route) == (name, name)
        assert match.func.__module__ == "hub.health"
    client.cookies["django_language"] = "ar"
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="ar")
    assert (response.status_code, response.content) == (200, b"ok")


PROBE = (
    "import django; django.setup(); from django.test import Client; "
    "c = Client(HTTP_HOST='passerelle.example.org'); "
    "r = c.get('/healthz'); print(r.status_code, r.content.decode()); "
    "r = c.get('/fr/'); print(r.status_code, r.get('Location')); "
    "r = Client(HTTP_HOST='probe.internal').get('/healthz'); print(r.status_code)"
)


def test_production_answers_probes_over_plain_http():
    """HTTPS redirect everywhere but the probes; the Host must be allowed."""
    result = run_production(
        ["-c", PROBE], CACHE_URL=f"redis://127.0.0.1:{unused_port()}/0"
    )
    assert result.returncode == 0, result.stderr
    healthz, home, other_host = result.stdout.strip().splitlines()
    assert healthz == "200 ok"
    assert home == "301 https://passerelle.example.org/fr/"
    assert other_host == "400"
    # The refused host is one JSON line, without a traceback.
    (refusal,) = [
        line for line in result.stderr.splitlines() if "probe.internal" in line
    ]
    assert json.loads(refusal)["logger"] == "django.security.DisallowedHost"
    assert "Traceback" not in result.stderr
