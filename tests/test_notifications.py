"""Workflow e-mails: who hears of a submission, an approval, a request for
changes or a comment, and in which language.

The reviewers of the practice's commune (and only them) are told when it
reaches the commune review (practices/publishing/notifications.py), the
coordination when it reaches its step (Wagtail's group approval notifier), the
author when it is approved or sent back. Each mail is in the recipient's
preferred admin language.
"""

import pytest
from django.core import mail
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from hub import keys
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)
from tests.workflow_helpers import (
    act,
    add_url,
    comment_on,
    coordinators,
    edit_url,
    editor_group,
    make_user,
    practice_form,
    reviewer_group,
    section,
)

pytestmark = pytest.mark.django_db

TITLE = "Cantine solidaire"
COMMENT = "Précisez le budget."


@pytest.fixture
def people(django_user_model):
    """Tanger's editor, two Tanger reviewers (one reading Arabic, one who
    turned the notification off, one without address), Tiznit's reviewer and
    editor, a coordinator."""
    people = {
        "editor": make_user(django_user_model, "editeur", editor_group("tanger")),
        "reviewer": make_user(
            django_user_model, "relecteur", reviewer_group("tanger"), language="fr"
        ),
        "reviewer_ar": make_user(
            django_user_model, "mourajie", reviewer_group("tanger"), language="ar"
        ),
        "muted": make_user(django_user_model, "muet", reviewer_group("tanger")),
        "no_address": make_user(django_user_model, "sans", reviewer_group("tanger")),
        "other_reviewer": make_user(
            django_user_model, "relecteur-b", reviewer_group("tiznit")
        ),
        "other_editor": make_user(
            django_user_model, "editeur-b", editor_group("tiznit")
        ),
        "coordinator": make_user(django_user_model, "coordination", coordinators()),
    }
    profile = UserProfile.get_for_user(people["muted"])
    profile.submitted_notifications = False
    profile.save()
    people["no_address"].email = ""
    people["no_address"].save()
    return people


def recipients(messages):
    return sorted(address for m in messages for address in m.to)


def submit(client, user):
    client.force_login(user)
    # The create form's "comment notifications" box is ticked by default.
    data = {
        **practice_form(TITLE, "cantine-solidaire", subscribe=True),
        "action-submit": "1",
    }
    response = client.post(add_url(section("tanger")), data)
    assert response.status_code == 302
    from practices.models import PracticePage

    return PracticePage.objects.get(slug="cantine-solidaire")


def mails_about(needle):
    return [m for m in mail.outbox if needle in m.subject]


def test_submission_mails_the_communes_reviewers_only(client, people):
    """A Tanger submission mails Tanger's reviewers who want it and have an
    address — not Tiznit's, not the coordination, not the author — each in
    their admin language."""
    submit(client, people["editor"])
    assert recipients(mail.outbox) == ["mourajie@example.org", "relecteur@example.org"]
    french, arabic = sorted(
        mail.outbox, key=lambda m: m.to[0] != "relecteur@example.org"
    )
    assert french.subject == (
        "La page «\xa0Cantine solidaire\xa0» a été soumise pour validation dans "
        "la tâche «\xa0Relecture par la commune\xa0»."
    )
    assert arabic.subject == (
        # The French title isolated in the Arabic sentence (mail_isolation.py).
        'تم تقديم الصفحة "\u2068Cantine solidaire\u2069" للموافقة في مرحلة المراجعة '
        '"مراجعة الجماعة"'
    )


def test_submission_mail_links_to_the_admin(client, people):
    """The mail says which page and step, and links to its editor at
    WAGTAILADMIN_BASE_URL, from the hub's address."""
    page = submit(client, people["editor"])
    (message,) = [m for m in mail.outbox if m.to == ["relecteur@example.org"]]
    assert TITLE in message.subject
    assert f"http://testserver{edit_url(page)}" in message.body
    assert message.from_email == "Passerelle <passerelle@localhost>"


def test_commune_approval_mails_the_coordination(client, people):
    """Once Tanger's reviewer approves, the coordination is told the page waits
    at its step; Tanger's reviewers are not told again."""
    page = submit(client, people["editor"])
    mail.outbox.clear()
    client.force_login(people["reviewer"])
    act(client, page, "approve")
    assert recipients(mails_about("Validation par la coordination")) == [
        "coordination@example.org"
    ]
    assert "relecteur@example.org" not in recipients(mail.outbox)


def test_request_for_changes_mails_the_author_with_the_comment(client, people):
    """Changes requested: the author receives the reviewer's comment."""
    page = submit(client, people["editor"])
    mail.outbox.clear()
    client.force_login(people["reviewer"])
    act(client, page, "reject", COMMENT)
    (message,) = mail.outbox
    assert message.to == ["editeur@example.org"]
    assert COMMENT in message.body
    assert TITLE in message.subject


def test_publication_mails_the_author(client, people):
    """The coordination's approval publishes the page and tells its author."""
    page = submit(client, people["editor"])
    client.force_login(people["reviewer"])
    act(client, page, "approve")
    mail.outbox.clear()
    client.force_login(people["coordinator"])
    act(client, page, "approve")
    (message,) = mail.outbox
    assert message.to == ["editeur@example.org"]
    assert "approuvée" in message.subject


def test_reviewer_comment_mails_the_author(client, people):
    """A comment left in the editor reaches the author, who is subscribed to
    the comments of the pages they create."""
    page = submit(client, people["editor"])
    mail.outbox.clear()
    client.force_login(people["reviewer"])
    assert comment_on(client, page, TITLE, COMMENT).status_code == 302
    assert recipients(mail.outbox) == ["editeur@example.org"]
    assert COMMENT in mail.outbox[0].body


def test_renamed_steps_and_groups_still_notify(client, people):
    """Workflow, review task and reviewer group renamed in the admin: the
    commune's reviewers are told all the same, of the step under its new name."""
    renamed = [
        keys.get(Workflow, "workflow:practice"),
        keys.get(Task, "task:commune-review"),
        reviewer_group("tanger"),
    ]
    for obj in renamed:
        obj.name = f"{obj.name} (renommé)"
        obj.save()
    submit(client, people["editor"])
    assert recipients(mail.outbox) == ["mourajie@example.org", "relecteur@example.org"]
    assert all("Relecture par la commune (renommé)" in m.subject for m in mail.outbox)
