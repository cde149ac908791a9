"""A translation's way from the translator to the site, as the admin offers it.

The translator finds the French pages awaiting translation in their own list,
starts a translation there, submits it from wagtail-localize's editor (its main
action); the coordination approves it from the dashboard or publishes it from
the same editor — both end the workflow the same way: approved, logged, the
translator told by e-mail.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.workflow_helpers import (
    act,
    coordinators,
    edit_url,
    make_user,
    start_translation,
    succeeded,
    translate_title,
    translators,
)

pytestmark = pytest.mark.django_db

TITLE = "Cantine solidaire"
ARABIC_TITLE = "مطعم تضامني"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def flashed(response):
    """The messages queued by the request (shown by whatever page comes next)."""
    return [str(m) for m in response.wsgi_request._messages]


@pytest.fixture
def people(django_user_model):
    return {
        "translator": make_user(django_user_model, "traduction", translators()),
        "coordinator": make_user(django_user_model, "coordination", coordinators()),
    }


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def in_review(client, people):
    """A translation of a live French practice, submitted by the translator."""
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    page = start_translation(as_user(client, people["coordinator"]), practice)
    translate_title(page, ARABIC_TITLE)
    response = as_user(client, people["translator"]).post(
        edit_url(page), {"action-submit": "1"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    mail.outbox.clear()
    return page


def approve_from_dashboard(client, page):
    assert succeeded(act(client, page, "approve"))


def publish_from_translation_editor(client, page, capture):
    # The editor's « Publier dans … » button posts action=publish to the edit URL.
    with capture(execute=True):  # wagtail-localize publishes on commit
        response = client.post(edit_url(page), {"action": "publish"})
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["dashboard", "translation editor"])
def test_both_ways_of_publishing_a_translation_end_the_same(
    client, in_review, people, path, django_capture_on_commit_callbacks
):
    """Approving from the dashboard and publishing from the translation editor
    both approve the workflow (not « Annulé »), publish the translated page,
    log the approval by the coordinator and e-mail the translator."""
    page = in_review
    state = page.current_workflow_state
    coordinator = as_user(client, people["coordinator"])
    if path == "dashboard":
        approve_from_dashboard(coordinator, page)
    else:
        publish_from_translation_editor(
            coordinator, page, django_capture_on_commit_callbacks
        )

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.live
    assert page.title == ARABIC_TITLE
    approval = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    assert [entry.user for entry in approval] == [people["coordinator"]]
    assert not PageLogEntry.objects.filter(
        page=page, action="wagtail.workflow.cancel"
    ).exists()
    to_translator = [m for m in mail.outbox if m.to == ["traduction@example.org"]]
    # Wagtail's "approved" notification (workflow_state_approved_subject.txt).
    (message,) = to_translator
    assert ARABIC_TITLE in message.subject
    assert "approuvée" in message.subject


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Publier dans "), ("ar", "نشر باللغة ")]
)
def test_publish_label_keeps_its_space_before_the_language(
    client, django_user_model, language, label
):
    """The editor's button is "Publish in " + the locale's name: wagtail-localize's
    French catalogue drops the space (« Publier dansالعربية »); ours keeps it."""
    user = make_user(django_user_model, "lecteur", coordinators(), language=language)
    response = as_user(client, user).get(reverse("wagtail_localize:javascript_catalog"))
    assert response.status_code == 200
    # Django writes the catalogue with json.dumps (non-ASCII escaped).
    assert f'"Publish in ": {json.dumps(label)}' in response.content.decode()

