"""Configuration: production refuses to start without its secrets, passes Django's
deployment checks once configured, the environment is read in one place, the
database follows DATABASE_URL, and documents are always downloaded, never shown.

Settings are loaded in a subprocess with a clean environment, because the test
process already has its own settings loaded.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from documents.models import HubDocument
from programme.models import DocumentKind
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    pdf_bytes,
)

BASE_DIR = Path(__file__).resolve().parents[1]
SETTINGS_DIR = BASE_DIR / "hub" / "settings"
PRODUCTION = "hub.settings.production"
SECRET = secrets.token_urlsafe(50)
# Production needs a cache shared by its processes (test_production_cache.py);
# nothing connects to it at start-up or in the checks.
SHARED_CACHE = "redis://127.0.0.1:6379/0"
INSPECT = (
    "import json, django; django.setup(); from django.conf import settings; "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), "
    "'host': db.get('HOST', ''), 'port': str(db.get('PORT', '')), "
    "'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, "
    "'session_secure': settings.SESSION_COOKIE_SECURE, "
    "'csrf_secure': settings.CSRF_COOKIE_SECURE, "
    "'ssl_redirect': settings.SECURE_SSL_REDIRECT}))"
)


def run(args, settings_module, **environ):
    """Run Python with only PATH, HOME and the given variables set."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": settings_module,
        **environ,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_production(args, **environ):
    """``run`` with the production settings and the variables they require."""
    configured = {
        "DJANGO_SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "passerelle.example.org",
        "CACHE_URL": SHARED_CACHE,
    }
    return run(args, PRODUCTION, **{**configured, **environ})


def inspect(settings_module, **environ):
    result = run(["-c", INSPECT], settings_module, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("secret", [None, ""])
def test_production_refuses_to_start_without_secret_key(secret):
    """No (or an empty) DJANGO_SECRET_KEY: start-up fails and names it."""
    environ = {"ALLOWED_HOSTS": "passerelle.example.org"}
    if secret is not None:
        environ["DJANGO_SECRET_KEY"] = secret
    result = run(["-c", "import django; django.setup()"], PRODUCTION, **environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", [None, " , "])
def test_production_refuses_to_start_without_allowed_hosts(hosts):
    """No ALLOWED_HOSTS (or only separators): start-up fails and names it."""
    environ = {"DJANGO_SECRET_KEY": SECRET}
    if hosts is not None:
        environ["ALLOWED_HOSTS"] = hosts
    result = run(["-c", "import django; django.setup()"], PRODUCTION, **environ)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "DJANGO_SECRET_KEY" not in result.stderr


def test_configured_production_passes_deploy_checks():
    """With both set (and a shared cache), ``check --deploy`` finds nothing,
    not even a warning."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        PRODUCTION,
        DJANGO_SECRET_KEY=SECRET,
        ALLOWED_HOSTS="passerelle.example.org,www.passerelle.example.org",
        CACHE_URL=SHARED_CACHE,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_is_secure_and_splits_hosts():
    """Production runs without debug, with secure cookies and HTTPS redirect;
    ALLOWED_HOSTS is a comma-separated list."""
    values = inspect(
        PRODUCTION,
        DJANGO_SECRET_KEY=SECRET,
        ALLOWED_HOSTS=" passerelle.example.org , www.passerelle.example.org",
        CACHE_URL=SHARED_CACHE,
    )
    assert values["debug"] is False
    assert values["hosts"] == ["passerelle.example.org", "www.passerelle.example.org"]
    assert values["session_secure"] and values["csrf_secure"]
    assert values["ssl_redirect"]


def test_only_base_settings_read_the_environment():
    """Environment variables are read in hub/settings/base.py only."""
    readers = re.compile(r"\bos\.environ\b|\bgetenv\b|\benviron\b|\bENV\b")
    for path in SETTINGS_DIR.glob("*.py"):
        if path.name == "base.py":
            continue
        assert not readers.search(path.read_text(encoding="utf-8")), path.name
    assert "os.environ" in (SETTINGS_DIR / "base.py").read_text(encoding="utf-8")


def test_development_defaults_to_sqlite():
    """Without DATABASE_URL, development uses the SQLite file of the project."""
    values = inspect("hub.settings.dev")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(BASE_DIR / "db.sqlite3")
    assert values["debug"] is True


def test_database_url_switches_to_postgresql():
    """DATABASE_URL selects PostgreSQL with its name, host and port."""
    values = inspect(
        "hub.settings.dev",
        DATABASE_URL="postgres://passerelle:secret@db.internal:5433/passerelle",
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "passerelle"
    assert values["host"] == "db.internal"
    assert values["port"] == "5433"


@pytest.mark.django_db
def test_uploaded_document_is_served_as_attachment(admin_client):
    """A PDF uploaded in the admin downloads with Content-Disposition:
    attachment (never displayed inline, where a crafted file could run)."""
    content = pdf_bytes("Convention de partenariat")
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Convention",
            "file": SimpleUploadedFile(
                "convention.pdf", content, content_type="application/pdf"
            ),
            "collection": Collection.get_first_root_node().pk,
            "language": "fr",
            "kind": DocumentKind.objects.get(
                slug="partnership-agreement", locale__language_code="fr"
            ).pk,
        },
    )
    assert response.status_code == 302
    document = HubDocument.objects.get(title="Convention")
    assert document.url == f"/documents/{document.pk}/convention.pdf"
    download = admin_client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert "convention.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == content


@pytest.mark.django_db
def test_document_is_downloadable_by_visitors(client):
    """A visitor (not logged in) downloads an attachment from a fiche."""
    document = HubDocumentFactory()
    PracticePageFactory(attachments=[document])
    download = client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    # Wagtail's file sender wrote "Content-Encoding: None" (an unknown coding
    # that curl --compressed refuses); a document is sent as it is stored.
    assert "Content-Encoding" not in download


@pytest.mark.django_db
def test_documents_are_not_served_as_media_files(client):
    """The bare media URL of a document file does not exist: documents go
    through the serve view only."""
    document = HubDocumentFactory()
    assert client.get(f"/media/{document.file.name}").status_code == 404


PAGE_CACHE = (
    "import django, json; django.setup(); from django.conf import settings; "
    "from django.apps import apps; "
    "from wagtail.contrib.frontend_cache.utils import get_backends; "
    "print(json.dumps({'seconds': settings.PAGE_CACHE_SECONDS, "
    "'proxy': settings.PAGE_CACHE_PROXY_SECONDS, "
    "'sessions': settings.SESSION_ENGINE.rsplit('.', 1)[1], "
    "'purger': apps.is_installed('wagtail.contrib.frontend_cache'), "
    "'backends': {k: type(v).__name__ for k, v in get_backends().items()}}))"
)


def page_cache_settings(settings_module, **environ):
    if settings_module == PRODUCTION:
        result = run_production(["-c", PAGE_CACHE], **environ)
    else:
        result = run(["-c", PAGE_CACHE], settings_module, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_page_cache_is_on_in_production_only():
    """make serve caches anonymous pages (10 minutes at most, PAGE_CACHE_SECONDS);
    make run and the tests do not; no front-end purger unless one is named.
    Sessions come from the shared cache, written through to the database."""
    assert page_cache_settings(PRODUCTION) == {
        "seconds": 600,
        "proxy": 0,
        "sessions": "cached_db",
        "purger": False,
        "backends": {},
    }
    assert page_cache_settings(PRODUCTION, PAGE_CACHE_SECONDS="0")["seconds"] == 0
    assert page_cache_settings("hub.settings.dev")["seconds"] == 0
    assert page_cache_settings("hub.settings.test")["seconds"] == 0


def test_a_cdn_in_front_gets_purges_and_a_shared_max_age():
    """FRONTEND_CACHE_PURGE_URL installs Wagtail's front-end cache invalidator
    (an HTTP PURGE to that address); PAGE_CACHE_PROXY_SECONDS is the s-maxage."""
    values = page_cache_settings(
        PRODUCTION,
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081",
        PAGE_CACHE_PROXY_SECONDS="60",
    )
    assert values["purger"] is True
    assert values["backends"] == {"default": "HTTPBackend"}
    assert values["proxy"] == 60


TASK_BACKEND = (
    "import django; django.setup(); from django_tasks import task_backends; "
    "print(type(task_backends['default']).__name__)"
)


def task_backend(settings_module, **environ):
    if settings_module == PRODUCTION:
        result = run_production(["-c", TASK_BACKEND], **environ)
    else:
        result = run(["-c", TASK_BACKEND], settings_module, **environ)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_queues_tasks_for_a_worker_and_development_runs_them_at_once():
    """make serve queues background work in the database for make worker;
    make run and the tests run it inside the request; TASKS_BACKEND chooses."""
    assert task_backend(PRODUCTION) == "DatabaseBackend"
    assert task_backend(PRODUCTION, TASKS_BACKEND="immediate") == "ImmediateBackend"
    assert task_backend("hub.settings.dev") == "ImmediateBackend"
    assert task_backend("hub.settings.dev", TASKS_BACKEND="database") == (
        "DatabaseBackend"
    )
    # The tests pin the immediate backend whatever the environment says.
    assert task_backend("hub.settings.test", TASKS_BACKEND="database") == (
        "ImmediateBackend"
    )


def test_an_unknown_task_backend_is_refused_at_start_up():
    result = run_production(["-c", TASK_BACKEND], TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of immediate, database" in result.stderr
