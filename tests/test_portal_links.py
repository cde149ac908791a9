"""``check_links``: each useful link is asked (HEAD, then GET) of a real local
HTTP server started here — never the internet; the coordination receives the
dead ones only: the 404 and the one that never answers, not the live one nor
the one that redirects to a live page, nor one refusing HEAD but serving GET."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from portal.models import UsefulLink
from tests.factories import locale
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def answer(self, body=True):
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status = 200 if self.path in ("/ok", "/no-head", "/slow") else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def link(url, title, language="fr"):
    return UsefulLink.objects.create(
        locale=locale(language), title=title, url=url, category="resources"
    )


def test_only_dead_links_are_mailed_to_the_coordination(server):
    coordinator = get_user_model().objects.create_user(
        "coord", email="coordination@example.org"
    )
    coordinator.groups.add(role_group("coordinators"))
    get_user_model().objects.create_user("other", email="other@example.org")
    link(f"{server}/ok", "Vivant")
    link(f"{server}/moved", "Redirigé")
    link(f"{server}/no-head", "Sans HEAD")
    link(f"{server}/gone", "Disparu")
    link(f"{server}/slow", "Trop lent")
    call_command("check_links", timeout=0.5, stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["coordination@example.org"]
    assert "Disparu" in message.body and f"{server}/gone" in message.body
    assert "404" in message.body
    assert "Trop lent" in message.body and "timeout" in message.body
    for alive in ("Vivant", "Redirigé", "Sans HEAD"):
        assert alive not in message.body


def test_no_mail_when_every_link_answers(server):
    coordinator = get_user_model().objects.create_user(
        "coord", email="coordination@example.org"
    )
    coordinator.groups.add(role_group("coordinators"))
    link(f"{server}/ok", "Vivant")
    call_command("check_links", timeout=0.5, stdout=open("/dev/null", "w"))
    assert mail.outbox == []
