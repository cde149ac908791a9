"""Wagtail's audit log records who did what, through the paths people use: the
admin's create, edit, submit, approve and publish; wagtail-localize's
translation; the share form's and "adapt"'s drafts (``save_draft``); changes
to a user's groups (their rights). The log is what the admin's "History" and
"Site history" report show.
https://docs.wagtail.org/en/stable/extending/audit_log.html
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry, PageLogEntry

from practices.drafts import save_draft
from practices.models import PracticePage
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.workflow_helpers import (
    act,
    add_url,
    coordinators,
    edit_url,
    editor_group,
    make_user,
    practice_form,
    reviewer_group,
    section,
    translators,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    return {
        "editor": make_user(django_user_model, "editeur-a", editor_group("tanger")),
        "reviewer": make_user(
            django_user_model, "relecteur-a", reviewer_group("tanger")
        ),
        "coordinator": make_user(django_user_model, "coordination", coordinators()),
        "translator": make_user(django_user_model, "traduction", translators()),
    }


def actions_on(page, user=None):
    entries = PageLogEntry.objects.filter(page_id=page.pk)
    if user is not None:
        entries = entries.filter(user=user)
    return list(entries.order_by("timestamp", "pk").values_list("action", flat=True))


def as_user(client, user):
    client.force_login(user)
    return client


def create(client, editor, **extra):
    parent = section("tanger")
    data = {**practice_form("Cantine solidaire", "cantine-solidaire"), **extra}
    response = as_user(client, editor).post(add_url(parent), data)
    assert response.status_code == 302
    return PracticePage.objects.get(slug="cantine-solidaire", locale=parent.locale)


def test_create_and_edit_are_logged_with_their_author(client, people):
    page = create(client, people["editor"])
    created = actions_on(page, people["editor"])
    assert created[0] == "wagtail.create"
    data = practice_form("Cantine solidaire de quartier", "cantine-solidaire")
    assert client.post(edit_url(page), data).status_code == 302
    assert actions_on(page, people["editor"]) == [*created, "wagtail.edit"]
    entry = PageLogEntry.objects.filter(page_id=page.pk).order_by("pk").last()
    page = PracticePage.objects.get(pk=page.pk)
    assert entry.revision_id == page.get_latest_revision().pk
    assert entry.revision.content["title"] == "Cantine solidaire de quartier"


def test_submit_approve_and_publish_are_logged(client, people):
    """The whole path: the editor submits, the reviewer approves, the
    coordination approves — which publishes — each under their own name."""
    page = create(client, people["editor"], **{"action-submit": "1"})
    assert "wagtail.workflow.start" in actions_on(page, people["editor"])
    assert act(as_user(client, people["reviewer"]), page, "approve").status_code == 200
    assert "wagtail.workflow.approve" in actions_on(page, people["reviewer"])
    page.refresh_from_db()
    assert act(as_user(client, people["coordinator"]), page, "approve").status_code == (
        200
    )
    by_coordinator = actions_on(page, people["coordinator"])
    assert "wagtail.workflow.approve" in by_coordinator
    assert "wagtail.publish" in by_coordinator
    assert PracticePage.objects.get(pk=page.pk).live


def test_direct_publish_and_unpublish_are_logged(client, people):
    page = PracticePageFactory(commune="tanger")
    coordinator = as_user(client, people["coordinator"])
    coordinator.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert actions_on(page, people["coordinator"]) == ["wagtail.unpublish"]


def test_translation_is_logged_with_the_translator(client, people):
    """wagtail-localize's "Traduire" records the copy on the source and the
    creation of the Arabic page, by the translator."""
    page = PracticePageFactory(commune="tanger")
    arabic_locale = Locale.objects.get(language_code="ar")
    response = as_user(client, people["translator"]).post(
        reverse("wagtail_localize:submit_page_translation", args=(page.pk,)),
        {"locales": [arabic_locale.pk]},
    )
    assert response.status_code == 302
    arabic = PracticePage.objects.get(
        translation_key=page.translation_key, locale=arabic_locale
    )
    assert "wagtail.copy_for_translation" in actions_on(arabic, people["translator"])


def test_save_draft_logs_its_author(people):
    """The share form and "adapt" save through ``save_draft``: the draft's
    creation and first revision are logged under the agent's name, and
    submitting logs the start of the workflow."""
    editor = people["editor"]
    page = PracticePage(title="Jardin partagé", slug="jardin-partage", summary="S.")
    page, revision = save_draft(section("tanger"), page, editor, submit=True)
    entries = PageLogEntry.objects.filter(page_id=page.pk, user=editor)
    assert entries.filter(action="wagtail.create").exists()
    assert entries.filter(action="wagtail.edit", revision=revision).exists()
    assert entries.filter(action="wagtail.workflow.start").exists()


def test_group_change_of_a_user_is_logged(client, people):
    """Giving someone a role (a group) in the admin's user editor is recorded
    against the user, by whoever did it."""
    User = get_user_model()
    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    agent = make_user(User, "agent-tanger")
    response = as_user(client, admin).post(
        reverse("wagtailusers_users:edit", args=(agent.pk,)),
        {
            "username": agent.username,
            "email": "agent-tanger@example.org",
            "first_name": "Aya",
            "last_name": "Benali",
            "is_active": "on",
            "groups": [editor_group("tanger").pk],
        },
    )
    assert response.status_code == 302
    assert list(agent.groups.all()) == [editor_group("tanger")]
    entry = ModelLogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(agent.pk),
        action="wagtail.edit",
    )
    assert entry.user == admin
