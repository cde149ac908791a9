"""Workflow e-mails as their recipient reads them (issue #14, item 14): in the
recipient's admin language whoever acted, with links at the address the site
was reached at, and « Demander des modifications » told as a request for
changes, not a rejection."""

import pytest
from django.core import mail

from practices.models import PracticePage
from tests import workflow_helpers as flow
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db

HOST = "hub.example.org"
PRACTICE_AR = "بطاقة ممارسة: مراجعة الجماعة ثم منسقية البرنامج"


@pytest.fixture
def people(django_user_model):
    return {
        "author_ar": flow.make_user(
            django_user_model, "katib", flow.editor_group("tanger"), language="ar"
        ),
        # Never chose a language: the site's, French.
        "author_fr": flow.make_user(
            django_user_model, "redacteur", flow.editor_group("tanger")
        ),
        "reviewer": flow.make_user(
            django_user_model, "relecteur", flow.reviewer_group("tanger"), language="fr"
        ),
        "reviewer_ar": flow.make_user(
            django_user_model, "mourajie", flow.reviewer_group("tanger"), language="ar"
        ),
        "coordinator": flow.make_user(
            django_user_model, "coordinatrice", flow.coordinators(), language="fr"
        ),
    }


@pytest.fixture
def on_the_real_host(client, settings):
    """The site answers at HOST; the configured base is the development
    default, which does not."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    client.defaults["HTTP_HOST"] = HOST
    return client


def submitted(client, author, slug="cantine"):
    client.force_login(author)
    data = {**flow.practice_form("Cantine", slug), "action-submit": "1"}
    response = client.post(flow.add_url(flow.section("tanger")), data)
    assert response.status_code == 302
    return PracticePage.objects.get(slug=slug)


def to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_approval_reaches_an_arabic_author_in_arabic(client, people):
    """A French coordinator approves (admin in French): the Arabic-speaking
    author's e-mail is in Arabic, the workflow named in Arabic."""
    page = submitted(client, people["author_ar"])
    client.force_login(people["reviewer"])
    flow.act(client, page, "approve")
    page.refresh_from_db()
    mail.outbox.clear()
    client.force_login(people["coordinator"])
    flow.act(client, page, "approve")
    (message,) = to(people["author_ar"])
    assert PRACTICE_AR in message.body
    for french in ("approuvée", "Fiche pratique", "Bonjour", "circuit"):
        assert french not in message.subject + message.body


def test_a_mail_is_never_in_the_actors_language(client, people):
    """An Arabic reviewer requests changes from an author who never chose a
    language: the mail is in the site's language, not the reviewer's."""
    page = submitted(client, people["author_fr"])
    mail.outbox.clear()
    client.force_login(people["reviewer_ar"])
    flow.act(client, page, "reject", "Précisez le budget.")
    (message,) = to(people["author_fr"])
    assert "Modifications demandées" in message.subject
    assert "طلب" not in message.subject + message.body


def test_links_point_at_the_host_the_site_answers_at(on_the_real_host, people):
    client = on_the_real_host
    page = submitted(client, people["author_fr"])
    (message,) = to(people["reviewer"])
    assert f"http://{HOST}{flow.edit_url(page)}" in message.body
    assert "127.0.0.1:8000" not in message.body


def test_request_for_changes_is_not_called_a_rejection(client, people):
    for author in (people["author_fr"], people["author_ar"]):
        page = submitted(client, author, slug=f"cantine-{author.username}")
        mail.outbox.clear()
        client.force_login(people["reviewer"])
        flow.act(client, page, "reject", "Précisez le budget.")
        (message,) = to(author)
        text = message.subject + message.body
        assert "rejet" not in text and "رفض" not in text
        assert "Précisez le budget." in message.body
        assert f"{flow.edit_url(page)}" in message.body
        if author is people["author_fr"]:
            assert "Modifications demandées" in message.subject
            assert "Des modifications ont été demandées" in message.body
            assert "Relecture par la commune" in message.body
        else:
            assert "طلب تعديلات" in message.subject
            assert "مراجعة الجماعة" in message.body
