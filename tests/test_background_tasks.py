"""Background work through the real database task backend and its worker
(issue #12, part 2): what production runs (``TASKS_BACKEND=database``).

The other tests keep the immediate backend (a task runs inside ``enqueue``);
these switch ``TASKS`` to ``django_tasks_db.DatabaseBackend`` and run the real
worker (``manage.py db_worker --batch``: every ready task, then exit), on SQLite
and on PostgreSQL alike. The worker only sees committed rows and ends its
transactions as production's does, so the tests are transactional
(``serialized_rollback``, as every transactional test here).

* an upload returns with its text and thumbnail pending; the worker reads the
  file, and the document is then found by its text;
* a publish queues the page's indexing: search finds it only after the worker
  ran, and a search page cached in between is retired;
* a mail server nobody listens at: the mail is retried later (``run_after``),
  and sent once the server answers; a server refusing the recipient for good:
  not retried;
* ``/readyz`` reports a queue nobody takes tasks from.
"""

import io
import json
import signal
import socket
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection, Site

from documents.models import DocumentThumbnail, ExtractionState, HubDocument
from home.models import HomePage
from home.site_structure import ensure_site
from hub import page_cache
from hub.task_retry import ATTEMPT
from practices.publishing.mail_delivery import FIRST_DELAY, deliver
from practices.publishing.roles import ensure_roles
from programme.loader import load_taxonomy
from search.facets import bump_version
from tests import upload_corpus as corpus
from tests.conftest import TAXONOMY
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.smtp_peer import SMTPPeer
from tests.test_admin_uploads import post_single

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
READ_FILE = "documents.file_facts.read_file_facts"
INDEX_PAGE = "modelsearch.tasks.insert_or_update_object_task"
SEND_MAIL = "practices.publishing.mail_delivery.send_notification"


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def hub_site():
    """Transactional tests start from what migrations created: the hub's
    skeleton is built again (as the browser tests do)."""
    ensure_site()
    load_taxonomy(TAXONOMY)
    Collection.fix_tree()  # the restored snapshot leaves the root's child count stale
    ensure_roles()
    # serialized_rollback restored the Site onto Wagtail's welcome page.
    default_site = Site.objects.get(is_default_site=True)
    default_site.root_page = HomePage.objects.get(locale__language_code="fr")
    default_site.save()
    bump_version()


def run_worker():
    """The production worker, until no task is ready. It installs its own
    SIGINT/SIGTERM handlers (graceful shutdown): put back afterwards."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def queued(path, status=TaskResultStatus.READY):
    return list(DBTaskResult.objects.filter(task_path=path, status=status))


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- uploads ------------------------------------------------------------------


def test_an_upload_returns_at_once_and_the_worker_reads_the_file(
    hub_site, admin_client
):
    data = corpus.good_pdf("Budget prévisionnel", "Calendrier des ateliers")
    upload = SimpleUploadedFile("guide.pdf", data)
    response = post_single(admin_client, "wagtaildocs:add", upload)
    assert response.status_code == 302

    # Stored and fingerprinted, its text still to read.
    document = HubDocument.objects.get()
    assert document.file.storage.exists(document.file.name)
    assert len(document.checksum) == 64
    assert document.extraction_state == ExtractionState.PENDING
    assert document.extracted_text == "" and document.page_count is None
    assert not DocumentThumbnail.objects.exists()
    assert [task.args_kwargs["args"] for task in queued(READ_FILE)] == [
        [document.pk, document.checksum]
    ]
    assert list(HubDocument.objects.search("ateliers")) == []
    edit = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert "Lecture du fichier" in edit.content.decode()
    stale = HubDocument.objects.get()

    run_worker()

    document.refresh_from_db()
    assert document.extraction_state == ExtractionState.DONE
    assert "Calendrier des ateliers" in document.extracted_text
    assert document.page_count == 2
    assert document.thumbnail_width and document.thumbnail_height
    thumbnail = admin_client.get(document.thumbnail_url)
    assert thumbnail.status_code == 200
    assert thumbnail["Content-Type"] == "image/webp"
    assert list(HubDocument.objects.search("ateliers")) == [document]
    assert queued(READ_FILE) == [] and len(queued(READ_FILE, "SUCCESSFUL")) == 1
    edit = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert "Lecture du fichier" not in edit.content.decode()

    # A copy loaded before the worker wrote (an editor's form sent meanwhile)
    # saves its own changes, not its stale empty text.
    stale.title = "Guide révisé"
    stale.save()
    document.refresh_from_db()
    assert document.title == "Guide révisé"
    assert "Calendrier des ateliers" in document.extracted_text
    assert document.extraction_state == ExtractionState.DONE


def test_a_file_replaced_before_the_worker_ran_is_read_once_the_newest(
    admin_client,
):
    """Two files in a row: the first one's task finds the checksum changed and
    does nothing; the text is the second file's."""
    document = HubDocument(title="Note")
    document.file = ContentFile(corpus.good_docx("Première version"), name="n.docx")
    document.save()
    corrected = corpus.good_docx("Version corrigée")
    document.file = ContentFile(corrected, name="n2.docx")
    document.save()
    assert len(queued(READ_FILE)) == 2
    # Saved without the admin's form, which fills the size in the request.
    assert HubDocument.objects.get().file_size is None

    run_worker()

    returned = sorted(t.return_value for t in queued(READ_FILE, "SUCCESSFUL"))
    assert returned == ["done", "outdated"]
    document.refresh_from_db()
    assert document.extracted_text == "Version corrigée"
    assert document.file_size == len(corrected)  # read from the storage
    assert document.versions.count() == 2


# --- publishing and search ------------------------------------------------------


def search_page(client, word):
    response = client.get(f"/fr/search/?lang=all&q={word}")
    assert response.status_code == 200
    return response.get(page_cache.HEADER), response.content.decode()


def test_a_published_page_is_found_once_the_worker_indexed_it(
    hub_site, client, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    page = PracticePageFactory(title="Zéphyrine au marché", commune="tanger")
    assert page.live
    assert any(
        task.args_kwargs["args"][2] == str(page.pk) for task in queued(INDEX_PAGE)
    )

    # Published, not yet in the index: the search page is stored without it.
    for expected in ("miss", "hit"):
        state, html = search_page(client, "zephyrine")
        assert state == expected
        assert "Aucun résultat" in html and f'href="{page.url}"' not in html

    run_worker()

    # The worker's index write retired the stored search page.
    state, html = search_page(client, "zephyrine")
    assert state == "miss"
    assert "1 résultat pour « <bdi>zephyrine</bdi> »" in html
    assert f'href="{page.url}"' in html


# --- e-mails --------------------------------------------------------------------


@pytest.fixture
def smtp_port(settings):
    port = unused_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 5
    return port


@pytest.fixture
def smtp_peers():
    started = []
    yield started
    for peer in started:
        peer.stop()


def test_a_mail_refused_for_now_is_retried_later_and_sent(smtp_port, smtp_peers):
    assert deliver("Fiche à relire", "Bonjour", "relecteur@example.org")
    (first,) = queued(SEND_MAIL)

    run_worker()  # nothing listens at the port: connection refused

    first.refresh_from_db()
    assert first.status == TaskResultStatus.SUCCESSFUL
    assert first.return_value["failed_attempt"] == 1
    (retry,) = queued(SEND_MAIL)
    assert retry.args_kwargs["kwargs"] == {ATTEMPT: 2}
    delay = (retry.run_after - first.finished_at).total_seconds()
    assert FIRST_DELAY - 5 < delay <= FIRST_DELAY

    server = SMTPPeer(smtp_port).start()
    smtp_peers.append(server)
    run_worker()
    assert server.messages == []  # not before its time

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()

    (message,) = server.messages
    assert "To: relecteur@example.org" in message and "Bonjour" in message
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert queued(SEND_MAIL) == []


def test_a_mail_refused_for_good_is_not_retried(smtp_port, smtp_peers, caplog):
    server = SMTPPeer(smtp_port, refuse_recipients=True).start()
    smtp_peers.append(server)
    deliver("Fiche à relire", "Bonjour", "inconnu@example.org")

    run_worker()

    (failed,) = queued(SEND_MAIL, TaskResultStatus.FAILED)
    assert failed.exception_class_path == "smtplib.SMTPRecipientsRefused"
    assert queued(SEND_MAIL) == []  # no retry queued
    assert server.messages == []
    (error,) = [r for r in caplog.records if r.name == "hub.task_retry"]
    assert "inconnu@example.org" in error.getMessage()
    assert "permanent" in error.getMessage()


# --- readiness ------------------------------------------------------------------


def readyz_tasks(client):
    response = client.get("/readyz")
    body = json.loads(response.content)
    return response.status_code, body["status"], body["checks"]["tasks"]


def test_readyz_reports_a_queue_nobody_takes_tasks_from(client, settings):
    assert readyz_tasks(client) == (200, "ok", "ok")
    deliver("Fiche à relire", "Bonjour", "relecteur@example.org")
    assert readyz_tasks(client)[2] == "ok"  # just enqueued

    # Waiting for longer than TASK_QUEUE_MAX_WAIT: no worker is running.
    late = timezone.now() - settings.TASK_QUEUE_MAX_WAIT - timedelta(seconds=5)
    DBTaskResult.objects.update(enqueued_at=late)
    assert readyz_tasks(client) == (200, "degraded", "degraded")

    # A retry waiting for its delay is not late.
    DBTaskResult.objects.update(run_after=timezone.now() + timedelta(minutes=30))
    assert readyz_tasks(client)[2] == "ok"

    # Deferred, due long ago and still there: late again, until a worker runs.
    DBTaskResult.objects.update(run_after=late)
    assert readyz_tasks(client)[2] == "degraded"
    run_worker()
    assert readyz_tasks(client) == (200, "ok", "ok")
