"""A request under way while the database goes away gets no 500 (issue #12,
part 5: "PostgreSQL restarted: 0 × 5xx"): hub/database_outage.py.

The real case runs on PostgreSQL (required in its lane): the view's own
server process is ended with ``pg_terminate_backend`` in the middle of the
request, as a restart does, and the request must still answer 200 with the
data. The other cases (a database that stays away, a form sent) are about
what the middleware decides, and run everywhere.
"""

import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
from wagtail.models import Page

from hub import urls as site_urls
from tests.conftest import require_service
from tests.test_database_restart import kill

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

calls = []


def count_pages_after_a_restart(request):
    """First call: the connection dies under the view (a restart); then it
    counts pages, which fails on the dead connection."""
    calls.append(request.method)
    if len(calls) == 1:
        kill(connection.connection.info.backend_pid)
    return HttpResponse(str(Page.objects.count()))


def database_gone(request):
    calls.append(request.method)
    raise OperationalError("connection refused (the database is restarting)")


def bug(request):
    calls.append(request.method)
    raise ValueError("a bug, not the database")


urlpatterns = [
    path("restart/", count_pages_after_a_restart),
    path("gone/", database_gone),
    path("bug/", bug),
    # The site's own URLs too: middleware reverses some (the admin's prefix).
    *site_urls.urlpatterns,
]


@pytest.fixture(autouse=True)
def outage_urls():
    calls.clear()
    with override_settings(ROOT_URLCONF=__name__, DATABASE_OUTAGE_WAIT=0.6):
        yield


def client():
    # The test client re-raises a view's exception by default, even one the
    # middleware recovered from: a browser would see the response.
    return Client(raise_request_exception=False)


def test_a_page_read_while_postgresql_restarts_answers_after_it():
    require_service(connection.vendor == "postgresql", "not on PostgreSQL", "postgres")
    connection.ensure_connection()
    count = Page.objects.count()
    response = client().get("/restart/")
    assert response.status_code == 200
    assert response.content.decode() == str(count)
    assert calls == ["GET", "GET"]


def test_a_database_that_stays_away_gets_the_503_page_in_the_reader_language():
    response = client().get("/gone/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "الخدمة غير متاحة مؤقتًا" in text
    assert 'dir="rtl"' in text
    # Tried again while it waited, then gave up: never a 500.
    assert len(calls) >= 2


def test_a_form_sent_while_the_database_is_away_is_not_sent_twice():
    response = client().post("/gone/", {"titre": "x"})
    assert response.status_code == 503
    assert "Service momentanément indisponible" in response.content.decode()
    assert calls == ["POST"]


def test_a_bug_is_still_a_500():
    response = client().get("/bug/")
    assert response.status_code == 500
    assert calls == ["GET"]
