"""Control characters in one-line values, and workflow e-mails that get through.

A title typed or imported with a line break ("…\\r\\nBcc: x@evil.example") used
to stop the reviewers' e-mail: Django refuses a subject with a newline and
Wagtail only logged it. Titles are now put on one line wherever they enter
(hub/single_line.py), every workflow e-mail's subject is made one line, and a
mail the server refuses is retried, then logged as an error if it never goes
(practices/publishing/mail_delivery.py, a background task; the tests' immediate
backend runs it inside the request, and its retries at once, without sleeping:
tests/test_background_tasks.py has the worker and its delays).
"""

import logging
import smtplib
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from practices.models import PracticePage
from practices.publishing.mail_delivery import ATTEMPTS
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)
from tests.import_helpers import import_file, practice, write_jsonl
from tests.test_share_form import created, filled, group_of, member
from tests.workflow_helpers import (
    act,
    add_url,
    coordinators,
    editor_group,
    make_user,
    practice_form,
    reviewer_group,
    section,
)

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "Cantine solidaire\r\nBcc: x@evil.example"
ONE_LINE = "Cantine solidaire Bcc: x@evil.example"


@pytest.fixture
def editor_client(client):
    """Tanger's editor, logged in: the share form's user."""
    client.force_login(member("redactrice-tanger", group_of("tanger")))
    return client


@pytest.fixture
def reviewer(django_user_model):
    return make_user(django_user_model, "relecteur", reviewer_group("tanger"))


@pytest.fixture
def no_waiting(monkeypatch):
    """Pauses, recorded instead of slept: a retry must never sleep in the
    request."""
    pauses = []
    monkeypatch.setattr(time, "sleep", pauses.append)
    return pauses


@pytest.fixture
def flaky_mail_server(monkeypatch):
    """The mail backend refuses the first ``failures[0]`` sends (an outside
    server dropping the connection), then delivers; counts every try."""
    state = {"failures": 1, "tries": 0}
    deliver = EmailBackend.send_messages

    def send_messages(self, messages):
        state["tries"] += 1
        if state["tries"] <= state["failures"]:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return deliver(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return state


def share_and_submit(client, title=HOSTILE_TITLE):
    return created(client, filled(title=title, action="submit"))


def headers_of(message):
    return message.message()


# The helper ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (HOSTILE_TITLE, ONE_LINE),
        ("a\tb\nc\rd\x0be\x0cf\x85g\u2028h\u2029i", "a b c d e f g h i"),
        ("\x00nul\x07bell\x1b[31mesc\x7fdel\x9bcsi", "nulbell[31mescdelcsi"),
        ("  trimmed \r\n", "trimmed"),
        # Right-to-left text keeps its marks and isolates.
        ("\u200fالعنوان \u2067Tanger\u2069", "\u200fالعنوان \u2067Tanger\u2069"),
        (None, None),
    ],
)
def test_single_line(value, expected):
    from hub.single_line import single_line

    assert single_line(value) == expected


# Where titles enter --------------------------------------------------------------


def test_shared_title_and_tags_are_one_line(editor_client):
    page = created(editor_client, filled(title=HOSTILE_TITLE, tags="a\x00b, c\r\nd"))
    revision = page.get_latest_revision_as_object()
    assert page.title == page.draft_title == revision.title == ONE_LINE
    assert sorted(t.name for t in revision.tags.all()) == ["ab", "c d"]


def test_imported_one_line_values_are_one_line(tmp_path):
    record = practice(
        title=HOSTILE_TITLE,
        tags=["quartier\r\nBcc: x"],
        indicators=[{"label": "Femmes\nformées", "value": "120\x00"}],
    )
    import_file(write_jsonl(tmp_path, [record]))
    page = PracticePage.objects.get(ref="p1")
    assert page.title == page.draft_title == ONE_LINE
    assert [t.name for t in page.tags.all()] == ["quartier Bcc: x"]
    indicator = page.indicators[0].value
    assert (indicator["label"], indicator["value"]) == ("Femmes formées", 120)


def test_admin_title_is_one_line(client, django_user_model):
    user = make_user(django_user_model, "editeur", editor_group("tanger"))
    client.force_login(user)
    response = client.post(
        add_url(section("tanger")),
        practice_form(HOSTILE_TITLE, "cantine-solidaire", seo_title="x"),
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(slug="cantine-solidaire")
    assert page.title == page.draft_title == ONE_LINE
    assert page.get_latest_revision_as_object().title == ONE_LINE


# The e-mails ---------------------------------------------------------------------


def test_reviewers_are_mailed_about_a_title_with_a_line_break(editor_client, reviewer):
    """The share form's submission reaches Tanger's reviewer: the subject is
    one line, and nobody is added in copy."""
    share_and_submit(editor_client)
    (message,) = mail.outbox
    assert message.recipients() == ["relecteur@example.org"]
    assert ONE_LINE in message.subject
    assert "\r" not in message.subject and "\n" not in message.subject
    headers = headers_of(message)
    assert headers.get_all("Bcc") is None and headers.get_all("Cc") is None


def test_wagtail_notifiers_make_subjects_one_line(
    client, editor_client, reviewer, django_user_model
):
    """A title stored with a line break before this fix (or written around the
    models) still reaches the coordination, through Wagtail's own group
    approval notifier, on one line."""
    coordinator = make_user(django_user_model, "coordination", coordinators())
    page = share_and_submit(editor_client, "Cantine solidaire")
    PracticePage.objects.filter(pk=page.pk).update(draft_title=HOSTILE_TITLE)
    mail.outbox.clear()
    client.force_login(reviewer)
    act(client, page, "approve")
    (message,) = mail.outbox
    assert message.recipients() == [coordinator.email]
    assert ONE_LINE in message.subject


def test_refused_mail_is_logged_retried_and_sent(
    editor_client, reviewer, flaky_mail_server, no_waiting, caplog
):
    caplog.set_level(logging.INFO, logger="hub.task_retry")
    share_and_submit(editor_client)
    (message,) = mail.outbox
    assert message.recipients() == ["relecteur@example.org"]
    assert flaky_mail_server["tries"] == 2
    assert no_waiting == []
    # Only the retry's records: the root logger writes INFO (LOGGING), so
    # Wagtail's "Page created" lines are captured as well.
    failure, success = [r for r in caplog.records if r.name == "hub.task_retry"]
    assert failure.levelno == logging.WARNING
    assert "relecteur@example.org" in failure.getMessage()
    assert "retrying at once" in failure.getMessage()
    assert failure.exc_info[0] is smtplib.SMTPServerDisconnected
    assert "attempt 2" in success.getMessage()


def test_mail_never_accepted_is_logged_as_an_error(
    editor_client, reviewer, flaky_mail_server, no_waiting, caplog
):
    """A server down for good: a bounded number of tries, then an error that
    names the recipient and the subject; the fiche is still submitted."""
    flaky_mail_server["failures"] = 100
    page = share_and_submit(editor_client)
    assert page.workflow_in_progress
    assert mail.outbox == []
    assert flaky_mail_server["tries"] == ATTEMPTS
    assert no_waiting == []
    ours = [r for r in caplog.records if r.name == "hub.task_retry"]
    assert [r.levelno for r in ours] == [logging.WARNING] * (ATTEMPTS - 1) + [
        logging.ERROR
    ]
    assert "relecteur@example.org" in ours[-1].getMessage()
    assert ONE_LINE in ours[-1].getMessage()
    assert f"not done in {ATTEMPTS} attempts" in ours[-1].getMessage()
