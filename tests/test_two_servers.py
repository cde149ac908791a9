"""Two app servers share everything a reader sees (issue #12, part 6).

Server A and server B run as production runs them (tests/two_app_servers.py:
gunicorn, production settings, one fresh PostgreSQL database with the demo,
one Redis as the cache, the page cache on). What is done on A — through its
admin, in Debian's Chromium — is seen on B at once: a publish (the page, its
index, B's search; B had the page cached before), a view restriction (the
page and B's search), an uploaded document (the same bytes from B).

Its own CI lane (.ci/run, "Lane: two app servers") runs it with
``-m two_servers`` and REQUIRE_SERVICES=browser,postgres,redis: PostgreSQL
(DATABASE_URL: the cluster where a database of its own is created), Redis
(REDIS_URL) and Chromium must be there, or it fails. Elsewhere it skips.
"""

import html
import os
import random
import re
import signal
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
import redis

from benchmarks.http_probe import request
from tests.conftest import require_service
from tests.factories import pdf_bytes
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.two_app_servers import Database, start_servers

pytestmark = [pytest.mark.two_servers, pytest.mark.browser]

EDITOR = ("coordination", "changeme")  # demo account, may publish anywhere
REDIS_DB = 13  # the servers' cache: a database of REDIS_URL's server, flushed
STARTUP_SECONDS = 120

FIND_PAGES = """
SELECT p.id, p.url_path, p.title
FROM wagtailcore_page p
JOIN wagtailcore_locale l ON l.id = p.locale_id
JOIN django_content_type t ON t.id = p.content_type_id
WHERE p.live AND t.model = 'practicepage' AND l.language_code = 'fr'
  AND NOT EXISTS (SELECT 1 FROM wagtailcore_pageviewrestriction r
                  JOIN wagtailcore_page a ON a.id = r.page_id
                  WHERE p.path LIKE a.path || '%%')
ORDER BY p.path LIMIT 2
"""


def nonsense_word():
    """Consonants only: no stemmer or stop list changes it."""
    return "".join(random.choices("bcdfghjklmnpqrstvwxz", k=12))


@pytest.fixture(scope="module")
def services():
    database_url = os.environ.get("DATABASE_URL", "")
    require_service(
        database_url.startswith("postgres"),
        "two app servers need PostgreSQL (DATABASE_URL=postgres://…)",
        "postgres",
    )
    redis_url = os.environ.get("REDIS_URL", "")
    cache_url = ""
    if redis_url:
        cache_url = urlunsplit(urlsplit(redis_url)._replace(path=f"/{REDIS_DB}"))
        try:
            redis.Redis.from_url(cache_url).flushdb()
        except redis.RedisError:
            cache_url = ""
    require_service(
        bool(cache_url), "two app servers need Redis (REDIS_URL=redis://…)", "redis"
    )
    require_service(
        bool(CHROMIUM), "Chromium is missing (apt-get install chromium)", "browser"
    )
    return database_url, cache_url


def stop_on_sigterm(*_args):
    raise KeyboardInterrupt


@pytest.fixture(scope="module")
def servers(services):
    database_url, cache_url = services
    database = Database(database_url)
    # A CI job stopped (SIGTERM) unwinds like Ctrl-C: the servers and the
    # database go too (their finalizers below), nothing is left running.
    previous = signal.signal(signal.SIGTERM, stop_on_sigterm)
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        stack.callback(signal.signal, signal.SIGTERM, previous)
        database.create()
        stack.callback(database.drop)
        stack.callback(redis.Redis.from_url(cache_url).flushdb)
        a, b = start_servers(stack, Path(tmp), database, cache_url)
        for side in (a, b):
            side.wait_ready(lambda s=side: request(s.base_url, "/fr/"))
        yield a, b, database


@pytest.fixture(scope="module")
def admin_a(servers, _browser_env):
    """Chromium logged in to A's admin as the coordination account."""
    a, _b, _database = servers
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        # What the HTTPS proxy in front of the servers adds.
        context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(a.base_url + "/admin/login/")
        page.fill("#id_username", EDITOR[0])
        page.fill("#id_password", EDITOR[1])
        page.click("button[type=submit]")
        page.wait_for_url(a.base_url + "/admin/")
        yield page
        browser.close()


@pytest.fixture(scope="module")
def _browser_env():
    # Playwright's sync API runs an event loop in this thread (see test_browser).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE")
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def pages(servers):
    """Two public French practice fiches of the demo: (id, path, title)."""
    _a, _b, database = servers
    rows = database.query(FIND_PAGES)
    assert len(rows) == 2
    # url_path starts at the root page: /<site root>/<rest>; served as /fr/<rest>
    return [(pk, "/fr/" + path.split("/", 2)[2], title) for pk, path, title in rows]


def get(side, path):
    status, headers, body = request(side.base_url, path)
    return status, headers.get("X-Page-Cache"), body.decode()


# Seconds for the worker to take the index task (it polls every second).
INDEXED_WITHIN = 20


def found_within(seconds, check):
    """Whether ``check()`` becomes true within ``seconds``, asked twice a second."""
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


# Seconds for a page to be served from the cache: right after the servers
# start, the tasks worker is still working through the demo's queued tasks
# (indexing, thumbnails), and each of them bumps the content version that the
# cached pages depend on, so the first few answers may each be a fresh render.
CACHED_WITHIN = 30


def cached_on(side, path):
    """Ask ``side`` for ``path`` until it answers from its page cache."""
    body = None

    def hit():
        nonlocal body
        status, cache, body = get(side, path)
        assert status == 200, (path, status)
        return cache == "hit"

    if not found_within(CACHED_WITHIN, hit):
        raise AssertionError(f"{path} never served from {side.name}'s page cache")
    return body


def search_path(query):
    return f"/fr/search/?q={quote(query)}"


def test_publish_on_a_is_seen_on_b_at_once(servers, admin_a, pages):
    a, b, _database = servers
    pk, path, title = pages[0]
    word = nonsense_word()
    index = "/".join(path.split("/")[:3]) + "/"  # /fr/pratiques/<commune>/<fiche>/
    for shown in (path, index):
        assert word not in cached_on(b, shown)
    assert f'href="{path}"' not in cached_on(b, search_path(word))

    new_title = f"{title} {word}"
    admin_a.goto(f"{a.base_url}/admin/pages/{pk}/edit/")
    admin_a.fill("#id_title", new_title)
    admin_a.locator("footer .w-dropdown__toggle").click()
    admin_a.locator("button[name=action-publish]").click()
    admin_a.wait_for_url(f"{a.base_url}/admin/pages/*/")

    status, cache, body = get(b, path)
    assert (status, cache) == (200, "miss")  # fresh, not the copy it had
    assert html.escape(new_title) in body or new_title in html.unescape(body)
    status, cache, body = get(b, index)
    assert (status, cache) == (200, "miss")
    assert word in body
    # The search index is written by the tasks worker (production's
    # TASKS_BACKEND=database), a moment after the publish: B's search finds the
    # page once it has run — and its cached search page is retired then.
    assert found_within(
        INDEXED_WITHIN, lambda: f'href="{path}"' in get(b, search_path(word))[2]
    ), f"B's search did not find the page within {INDEXED_WITHIN} s"
    # and B's new copy is the one it serves next
    assert word in cached_on(b, path)


def test_restriction_on_a_hides_the_page_on_b_at_once(servers, admin_a, pages):
    a, b, _database = servers
    pk, path, title = pages[1]
    query = search_path(title)
    cached_on(b, path)
    assert f'href="{path}"' in cached_on(b, query)

    admin_a.goto(f"{a.base_url}/admin/pages/{pk}/edit/")
    admin_a.locator("[data-side-panel-toggle=status]").first.click()
    admin_a.locator("[data-a11y-dialog-show=set-privacy]").first.click()
    admin_a.check("input[name=restriction_type][value=login]")
    admin_a.locator("#set-privacy [type=submit]").first.click()
    admin_a.locator("#set-privacy").wait_for(state="hidden")

    status, headers, _body = request(b.base_url, path)
    assert status == 302  # to the member login, not the page
    assert "/compte/connexion/" in headers["Location"] or "login" in headers["Location"]
    assert headers.get("X-Page-Cache") != "hit"
    status, _cache, body = get(b, query)
    assert status == 200
    assert f'href="{path}"' not in body


def test_document_uploaded_on_a_downloads_from_b(servers, admin_a):
    """Uploaded through A's admin, downloaded by an anonymous visitor from B:
    the same bytes (one MEDIA_ROOT today; the bucket with MEDIA_S3_*)."""
    a, b, database = servers
    word = nonsense_word()
    content = pdf_bytes(f"Guide {word}")
    admin_a.goto(f"{a.base_url}/admin/documents/add/")
    admin_a.set_input_files(
        "#id_file",
        files=[
            {"name": f"{word}.pdf", "mimeType": "application/pdf", "buffer": content}
        ],
    )
    admin_a.fill("#id_title", f"Guide {word}")
    # The shared templates' collection: public on purpose (documents/access.py),
    # so an anonymous visitor of B may download it.
    shared = admin_a.locator("#id_collection option", has_text="Modèles partagés")
    admin_a.select_option("#id_collection", shared.first.get_attribute("value"))
    admin_a.locator("form [type=submit]").last.click()
    admin_a.wait_for_url(re.compile(r"/admin/documents/(\?.*)?$"))

    [(pk, name)] = database.query(
        "SELECT id, file FROM documents_hubdocument WHERE title = %s", f"Guide {word}"
    )
    status, headers, body = request(b.base_url, f"/documents/{pk}/{Path(name).name}")
    assert status == 200, (pk, name, status, dict(headers), body[:300])
    assert body == content
