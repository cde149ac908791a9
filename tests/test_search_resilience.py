"""Search and publishing survive an engine that is down, hung or failing.

Most tests need no engine: they point ``WAGTAILSEARCH_BACKENDS`` at a closed port
(connection refused), at a local TCP server that accepts and never answers (hung
engine: the 2 s TIMEOUT), or at a local HTTP server answering 503. The
``database`` backend beside the engine is Wagtail's stock database backend here, so
that these tests do not depend on the analysis of ``search.backends.database``.

``test_update_index_catches_up_after_an_outage`` needs a real engine (SEARCH_URL)
and skips without one (fails under REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import http.server
import os
import socket
import threading
import time
from functools import cache

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import SearchFieldError
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend
from modelsearch.index import get_indexed_models
from modelsearch.management.commands import (
    rebuild_modelsearch_index as update_index_command,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from hub.search_backends import search_backends
from practices.models import PracticePage
from search.backends.elasticsearch import AnalysingElasticsearchBackend
from search.backends.engine import (
    ELASTICSEARCH_ERRORS,
    OPENSEARCH_ERRORS,
    Elasticsearch8Backend,
    OpenSearchBackend,
    engine_errors,
)
from search.engine_settings import FULL_TEXT_FILTERS
from search.resilience import forget_engine_failures, run_search
from tests.conftest import require_service
from tests.engine_node import ENGINE, SEARCH_URL, delete_indexes, engine_answers
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = "wagtail.search.backends.database"
INDEX = f"passerelle_test_{os.getpid()}_resilience"
TIMEOUT = 2  # search_backends()'s TIMEOUT


# --- fake engines -------------------------------------------------------------------


def closed_port_url() -> str:
    """A URL on which nothing listens: a port just bound and released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class SilentServer:
    """Accepts TCP connections and never answers: a hung engine."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopped.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:  # timeout (to check `stopped`), or closed
                continue
            self.connections.append(connection)  # kept open, never read

    def close(self):
        self.stopped.set()
        self.thread.join(timeout=2)
        for connection in self.connections:
            connection.close()
        self.sock.close()


class UnavailableHandler(http.server.BaseHTTPRequestHandler):
    """Answers every request with 503, as an engine without a master does."""

    def _unavailable(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b'{"error":"cluster_block_exception","status":503}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _unavailable

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def silent_engine():
    server = SilentServer()
    yield server.url
    server.close()


@pytest.fixture
def unavailable_engine():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), UnavailableHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --- settings -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_engine_state():
    """No engine is remembered as down from one test to the next."""
    forget_engine_failures()
    yield
    forget_engine_failures()


def use_database_only(settings):
    settings.WAGTAILSEARCH_BACKENDS = search_backends("database", "", DATABASE_BACKEND)


def use_engine(settings, url, **overrides):
    backends = search_backends(ENGINE, url, DATABASE_BACKEND, index=INDEX)
    backends["default"].update(overrides)
    settings.WAGTAILSEARCH_BACKENDS = backends


def records(caplog, logger, level=None):
    """Log records of one logger (the client libraries log connection errors too)."""
    return [
        r
        for r in caplog.records
        if r.name == logger and (level is None or r.levelname == level)
    ]


def live_practices():
    return PracticePage.objects.live()


# --- search_backends() --------------------------------------------------------------


def test_search_backends_database_only():
    """SEARCH_BACKEND=database: one backend, the database one (URL ignored)."""
    assert search_backends(" Database ", "http://ignored", DATABASE_BACKEND) == {
        "default": {"BACKEND": DATABASE_BACKEND, "AUTO_UPDATE": True}
    }


@pytest.mark.parametrize(
    ("name", "backend_class"),
    [
        ("opensearch", "search.backends.engine.OpenSearchBackend"),
        (
            "ElasticSearch",
            "search.backends.elasticsearch.AnalysingElasticsearchBackend",
        ),
    ],
)
def test_search_backends_engine(name, backend_class):
    """An engine is "default" (URL, index prefix, 2 s timeout, no retry, auto
    update, atomic rebuild) and the database backend is kept up to date beside it
    as "database"."""
    backends = search_backends(name, " http://127.0.0.1:9201 ", DATABASE_BACKEND)
    assert set(backends) == {"default", "database"}
    default = backends["default"]
    assert default["BACKEND"] == backend_class
    assert default["URLS"] == ["http://127.0.0.1:9201"]
    assert default["INDEX_PREFIX"] == "passerelle_"
    assert default["TIMEOUT"] == TIMEOUT
    assert default["OPTIONS"]["max_retries"] == 0
    assert default["AUTO_UPDATE"] is True
    assert default["ATOMIC_REBUILD"] is True
    assert backends["database"] == {"BACKEND": DATABASE_BACKEND, "AUTO_UPDATE": True}
    other = search_backends(name, "https://u:p@search:443", DATABASE_BACKEND, index="x")
    assert other["default"]["INDEX_PREFIX"] == "x_"
    simple = {"SEARCH_CONFIG": "simple"}
    with_options = search_backends(
        name, "http://search:9200", DATABASE_BACKEND, database_options=simple
    )
    assert with_options["database"] == {**backends["database"], **simple}


@pytest.mark.parametrize(
    ("backend", "url", "index"),
    [
        ("solr", "http://127.0.0.1:8983", "passerelle"),
        ("", "", "passerelle"),
        ("opensearch", "", "passerelle"),
        ("elasticsearch", "   ", "passerelle"),
        ("opensearch", "127.0.0.1:9200", "passerelle"),
        ("opensearch", "ftp://127.0.0.1", "passerelle"),
        ("opensearch", "http://127.0.0.1:9200", "Passerelle"),
        ("opensearch", "http://127.0.0.1:9200", "_hidden"),
    ],
)
def test_search_backends_rejects_bad_configuration(backend, url, index):
    """Unknown backend, engine without a usable URL, invalid index name."""
    with pytest.raises(ImproperlyConfigured):
        search_backends(backend, url, DATABASE_BACKEND, index=index)


# --- the backend classes ------------------------------------------------------------


@pytest.mark.parametrize("name", ["opensearch", "elasticsearch"])
def test_engine_backends_carry_the_analysis_and_fail_fast(settings, name):
    """Both engine backends load from the settings with the French+Arabic analysis
    (OpenSearch: in their index settings; Elasticsearch, whose Maven Central node
    has no analysis-common: in Python, with no analysis setting the node would
    refuse), a 2 s timeout without retries for searches and single writes, and a
    longer timeout for update_index (no network needed)."""
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        name, "http://127.0.0.1:9201", DATABASE_BACKEND
    )
    backend = get_search_backend()
    if name == "opensearch":
        analyzers = backend.settings["settings"]["analysis"]["analyzer"]
        assert analyzers["default"]["filter"] == FULL_TEXT_FILTERS
    else:
        assert "analysis" not in backend.settings["settings"]
        assert isinstance(backend, AnalysingElasticsearchBackend)
    assert backend.catch_indexing_errors
    assert backend.rebuild_timeout > TIMEOUT
    if name == "opensearch":
        assert isinstance(backend, OpenSearchBackend)
        assert backend.es.transport.get_connection().timeout == TIMEOUT
        assert backend.es.transport.max_retries == 0
        assert backend.rebuild_es.transport.get_connection().timeout == (
            backend.rebuild_timeout
        )
    else:
        assert isinstance(backend, Elasticsearch8Backend)
        assert backend.es._request_timeout == TIMEOUT
        assert backend.es._max_retries == 0
        assert backend.rebuild_es._request_timeout == backend.rebuild_timeout
    # The settings dict is left as written (the base class mutates OPTIONS).
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["OPTIONS"] == {
        "max_retries": 0,
        "retry_on_timeout": False,
    }


def test_engine_errors():
    """Transport errors are known for our backends and modelsearch's own engine
    backends; a database backend has none (its errors are never swallowed)."""
    params = {"URLS": ["http://127.0.0.1:9201"]}
    assert engine_errors(OpenSearchBackend(dict(params))) == OPENSEARCH_ERRORS
    assert engine_errors(Elasticsearch8Backend(dict(params))) == ELASTICSEARCH_ERRORS
    assert engine_errors(OpenSearch3SearchBackend(dict(params))) == OPENSEARCH_ERRORS
    assert engine_errors(get_search_backend(DATABASE_BACKEND)) == ()


# --- run_search ---------------------------------------------------------------------


def test_run_search_on_the_database_backend_is_not_degraded(settings):
    """With SEARCH_BACKEND=database, run_search is a plain search of "default"."""
    use_database_only(settings)
    page = PracticePageFactory(language="fr", title="Jardin partagé")
    results, backend_name, degraded = run_search(
        live_practices(), "jardin", operator="and"
    )
    assert (results, backend_name, degraded) == ([page], "default", False)


def test_engine_down_answers_from_the_database(settings, caplog):
    """Engine unreachable (connection refused): run_search answers from the
    database backend with degraded=True, quickly, logs a warning, raises nothing;
    the next search skips the engine for RETRY_AFTER seconds."""
    use_database_only(settings)
    page = PracticePageFactory(language="fr", title="Jardin partagé")
    use_engine(settings, closed_port_url())

    with caplog.at_level("INFO", logger="search.resilience"):
        started = time.monotonic()
        results, backend_name, degraded = run_search(
            live_practices(), "jardin", operator="and"
        )
        elapsed = time.monotonic() - started
    assert (results, backend_name, degraded) == ([page], "database", True)
    assert elapsed < TIMEOUT
    [warning] = records(caplog, "search.resilience", "WARNING")
    assert "ConnectionError" in warning.getMessage()
    assert "database" in warning.getMessage()

    caplog.clear()
    with caplog.at_level("INFO", logger="search.resilience"):
        results, backend_name, degraded = run_search(
            live_practices(), "jardin", operator="and", autocomplete=False
        )
    assert (results, backend_name, degraded) == ([page], "database", True)
    assert records(caplog, "search.resilience", "WARNING") == []  # skipped, not tried
    assert len(records(caplog, "search.resilience", "INFO")) == 1


def test_ids_only_answers_from_the_database_too(settings):
    """``ids_only=True`` (what the search service asks) falls back the same way,
    with the pks of the database's answer; also while the engine is skipped."""
    use_database_only(settings)
    page = PracticePageFactory(language="fr", title="Jardin partagé")
    assert run_search(live_practices(), "jardin", operator="and", ids_only=True) == (
        [page.pk],
        "default",
        False,
    )
    use_engine(settings, closed_port_url())
    for _attempt in range(2):  # engine tried, then skipped
        assert run_search(
            live_practices(), "jardin", operator="and", ids_only=True
        ) == ([page.pk], "database", True)


def test_engine_is_tried_again_after_retry_after(settings, caplog):
    """Once RETRY_AFTER has passed, the engine is tried again (and fails again)."""
    use_database_only(settings)
    PracticePageFactory(language="fr", title="Jardin partagé")
    use_engine(settings, closed_port_url(), RETRY_AFTER=0.2)
    with caplog.at_level("WARNING", logger="search.resilience"):
        run_search(live_practices(), "jardin", operator="and")
        time.sleep(0.3)
        *_, degraded = run_search(live_practices(), "jardin", operator="and")
    assert degraded
    assert len(records(caplog, "search.resilience", "WARNING")) == 2


def test_engine_hung_times_out_and_answers_from_the_database(settings, silent_engine):
    """Engine that accepts connections but never answers: after the 2 s timeout,
    run_search answers from the database (degraded); the following search does not
    wait again."""
    use_database_only(settings)
    page = PracticePageFactory(language="fr", title="Formation des agents")
    use_engine(settings, silent_engine)

    started = time.monotonic()
    results, backend_name, degraded = run_search(
        live_practices(), "formation", operator="and"
    )
    elapsed = time.monotonic() - started
    assert (results, backend_name, degraded) == ([page], "database", True)
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + 1.5

    started = time.monotonic()
    results, _, degraded = run_search(
        live_practices(), "forma", operator="and", autocomplete=True
    )
    assert (
        time.monotonic() - started < TIMEOUT * 0.9
    )  # did not wait for a timeout again
    assert (results, degraded) == ([page], True)


def test_engine_http_errors_answer_from_the_database(settings, unavailable_engine):
    """An engine that answers with an HTTP error (503) is engine trouble too."""
    use_database_only(settings)
    page = PracticePageFactory(language="fr", title="Jardin partagé")
    use_engine(settings, unavailable_engine)
    results, backend_name, degraded = run_search(
        live_practices(), "jardin", operator="and"
    )
    assert (results, backend_name, degraded) == ([page], "database", True)


def test_fallback_keeps_filters_limit_and_autocomplete(settings):
    """The database answer honours the queryset's filters, ``limit`` and
    ``autocomplete``, like the engine would."""
    use_database_only(settings)
    pages = [
        PracticePageFactory(language="fr", title=f"Formation {n}") for n in range(3)
    ]
    PracticePageFactory(language="ar", title="Formation arabe")
    use_engine(settings, closed_port_url())
    results, _, degraded = run_search(
        live_practices().filter(locale=pages[0].locale),
        "formation",
        operator="and",
        limit=2,
    )
    assert degraded and len(results) == 2 and set(results) <= set(pages)
    results, _, degraded = run_search(
        live_practices().filter(locale=pages[0].locale),
        "format",
        operator="and",
        autocomplete=True,
    )
    assert degraded and set(results) == set(pages)


def test_errors_that_are_not_engine_trouble_still_raise(settings):
    """A programming error (unknown search field) is not hidden by the fallback."""
    use_engine(settings, closed_port_url())
    with pytest.raises(SearchFieldError):
        run_search(live_practices(), "jardin", operator="and", fields=["nope"])


def test_no_database_backend_configured_answers_nothing(settings, caplog):
    """A hand-written configuration without "database": no 500, no results, an
    error in the log."""
    use_engine(settings, closed_port_url())
    del settings.WAGTAILSEARCH_BACKENDS["database"]
    with caplog.at_level("ERROR", logger="search.resilience"):
        assert run_search(live_practices(), "jardin", operator="and") == (
            [],
            "database",
            True,
        )
    assert "database" in caplog.text


# --- indexing while the engine is down ----------------------------------------------


def test_publish_while_engine_down_succeeds_and_logs(settings, caplog):
    """Creating, publishing and deleting pages while the engine is down succeed;
    each failed engine write is logged (pointing at update_index), and the
    database backend is still kept up to date, so degraded search finds them."""
    use_engine(settings, closed_port_url())
    with caplog.at_level("ERROR", logger="search.backends.engine"):
        page = PracticePageFactory(language="fr", title="Ruches communales")
        page.title = "Ruches et apiculture communales"
        page.save_revision().publish()
        doomed = PracticePageFactory(language="fr", title="Page supprimée")
        doomed.delete()
    page.refresh_from_db()
    assert page.live and page.title == "Ruches et apiculture communales"
    assert not Page.objects.filter(pk=doomed.pk).exists()
    messages = [r.getMessage() for r in records(caplog, "search.backends.engine")]
    assert len(messages) >= 4  # create, publish, create, delete
    assert all("heal_search_index" in m for m in messages)
    assert any("could not remove" in m for m in messages)
    results, _, degraded = run_search(live_practices(), "apiculture", operator="and")
    assert (results, degraded) == ([page], True)


def test_publish_in_the_admin_while_engine_down(settings, client, django_user_model):
    """An editor publishing from the Wagtail admin while the engine is down gets the
    normal success redirect and the page is live with the new title."""
    use_engine(settings, closed_port_url())
    page = PracticePageFactory(language="fr", title="Conseil des jeunes")
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw"
    )
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = querydict_from_html(form.content.decode(), form_id="page-edit-form")
    # StreamFields are serialised by JavaScript: post them as they are (empty).
    for field in PracticePage._meta.get_fields():
        if isinstance(field, StreamField):
            data[f"{field.name}-count"] = "0"
    data["title"] = "Conseil communal des jeunes"
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.live and page.title == "Conseil communal des jeunes"
    assert page.live_revision == page.latest_revision


def test_publish_while_engine_hung_waits_at_most_the_timeout(settings, silent_engine):
    """With a hung engine an editor's publish waits for the 2 s timeout of each
    engine write (no retries: saving the revision and publishing are two writes),
    then succeeds."""
    use_database_only(settings)
    page = PracticePageFactory(language="fr", title="Marché local")
    use_engine(settings, silent_engine)
    started = time.monotonic()
    page.save_revision().publish()
    assert time.monotonic() - started < 2 * TIMEOUT + 1.5
    page.refresh_from_db()
    assert page.live


# --- catching up --------------------------------------------------------------------


@cache
def page_models():
    return [model for model in get_indexed_models() if issubclass(model, Page)]


@pytest.fixture
def live_engine_url():
    require_service(
        engine_answers(),
        "SEARCH_URL is not set or no search engine answers there "
        "(start one with .ci/search-engine.sh start)",
        "engine",
    )
    yield SEARCH_URL
    delete_indexes(INDEX)


def test_update_index_catches_up_after_an_outage(settings, live_engine_url):
    """Pages published while the engine was down are missing from it; once it is
    back, ``update_index`` catches up and the engine answers again (not degraded)."""
    use_engine(settings, live_engine_url)
    with pytest.MonkeyPatch.context() as patch:  # the page index only: faster
        patch.setattr(update_index_command, "get_indexed_models", page_models)
        call_command("update_index", backend_name="default", verbosity=0)
    use_engine(settings, closed_port_url())
    page = PracticePageFactory(language="fr", title="Ruches communales")
    page.save_revision().publish()

    use_engine(settings, live_engine_url)
    forget_engine_failures()
    backend = get_search_backend()
    backend.es.indices.refresh(index=f"{INDEX}_wagtailcore_page")
    assert list(backend.search("ruches", live_practices(), operator="and")) == []

    call_command("update_index", backend_name="default", verbosity=0)
    results, backend_name, degraded = run_search(
        live_practices(), "ruches", operator="and"
    )
    assert (results, backend_name, degraded) == ([page], "default", False)


def test_a_search_answered_by_the_database_is_never_cached(settings):
    """Engine down: the fallback answer (page and API) is not kept by the page
    cache or a proxy — visitors get the engine's answers as soon as it is back,
    not a cached fallback for the cache's lifetime (seen in the load run)."""
    from django.core.cache import cache as shared_cache

    use_database_only(settings)
    PracticePageFactory(language="fr", title="Jardin partagé")
    use_engine(settings, closed_port_url())
    settings.PAGE_CACHE_SECONDS = 600
    shared_cache.clear()
    client = Client()
    for path in ("/fr/search/?q=jardin", "/api/search/?q=jardin&lang=fr"):
        first = client.get(path)
        assert first.status_code == 200
        assert "no-store" in first["Cache-Control"], path
        again = client.get(path)
        assert again["X-Page-Cache"] != "hit", path
