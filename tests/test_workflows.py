"""The publishing workflows, end to end through the admin's own views.

A commune editor writes and submits a practice in their commune's section; the
reviewers of that commune (and only them) approve it or request changes; the
programme coordination approves it and it is published. Translations made with
wagtail-localize go to the coordination alone, as do templates and trainings.
Nobody but the coordination (and superusers) can publish directly.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from hub import keys
from hub.localize import in_french
from practices.models import (
    PracticePage,
    TemplateIndexPage,
    TemplatePage,
    TrainingIndexPage,
    TrainingPage,
)
from practices.models.review_task import CommuneReviewTask
from practices.publishing.workflows import (
    COMMUNE_REVIEW,
    COORDINATION,
    PRACTICE,
    RESOURCE,
    TRANSLATION,
    TRANSLATION_KEY,
)
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.workflow_helpers import (
    act,
    action_url,
    add_url,
    coordinators,
    edit_url,
    editor_group,
    make_user,
    practice_form,
    reviewer_group,
    section,
    start_translation,
    succeeded,
    trainers,
    translate_title,
    translators,
)

pytestmark = pytest.mark.django_db

COMMENT = "Ajoutez le nombre d'élèves concernés."


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def messages_of(response):
    return [m.get_text(" ", strip=True) for m in soup(response).select(".messages li")]


@pytest.fixture
def people(django_user_model):
    """One user per role: Tanger (A) and Tiznit (B) editors and reviewers, a
    coordinator, a translator and a trainer."""
    return {
        "editor_a": make_user(django_user_model, "editeur-a", editor_group("tanger")),
        "editor_b": make_user(django_user_model, "editeur-b", editor_group("tiznit")),
        "reviewer_a": make_user(
            django_user_model, "relecteur-a", reviewer_group("tanger")
        ),
        "reviewer_b": make_user(
            django_user_model, "relecteur-b", reviewer_group("tiznit")
        ),
        "coordinator": make_user(django_user_model, "coordination", coordinators()),
        "translator": make_user(django_user_model, "traduction", translators()),
        "trainer": make_user(django_user_model, "formation", trainers()),
    }


def logged_in(client, user):
    client.force_login(user)
    return client


def create_and_submit(
    client, user, slug="cantine-solidaire", commune="tanger", title="Cantine solidaire"
):
    """The editor's "Submit for moderation" on the create form."""
    parent = section(commune)
    data = {**practice_form(title, slug), "action-submit": "1"}
    response = logged_in(client, user).post(add_url(parent), data)
    assert response.status_code == 302, messages_of(response)
    return PracticePage.objects.get(slug=slug, locale=parent.locale)


def task_name(page):
    return page.current_workflow_task.name if page.current_workflow_task else None


@pytest.fixture
def submitted(client, people):
    """A practice of Tanger, submitted by Tanger's editor."""
    return create_and_submit(client, people["editor_a"])


def test_submission_starts_the_practice_workflow_at_commune_review(submitted, people):
    """A practice submitted from the create form enters the practice workflow at
    the commune review, as a draft."""
    state = submitted.current_workflow_state
    assert state.workflow.name == in_french(PRACTICE)
    assert state.requested_by == people["editor_a"]
    assert isinstance(submitted.current_workflow_task.specific, CommuneReviewTask)
    assert task_name(submitted) == in_french(COMMUNE_REVIEW)
    assert not submitted.live
    assert submitted.commune.slug == "tanger"


def test_full_path_to_publication(client, submitted, people):
    """Tanger's reviewer approves with a comment, then the coordination
    approves: the practice is live at its URL."""
    response = act(
        logged_in(client, people["reviewer_a"]), submitted, "approve", COMMENT
    )
    assert succeeded(response)
    submitted.refresh_from_db()
    assert task_name(submitted) == in_french(COORDINATION)
    assert not submitted.live
    approved = TaskState.objects.get(
        workflow_state=submitted.current_workflow_state,
        task__name=in_french(COMMUNE_REVIEW),
    )
    assert approved.status == TaskState.STATUS_APPROVED
    assert approved.get_comment() == COMMENT
    assert approved.finished_by == people["reviewer_a"]

    assert succeeded(
        act(logged_in(client, people["coordinator"]), submitted, "approve")
    )
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.current_workflow_state is None
    assert client.get(submitted.url).status_code == 200


def test_other_communes_reviewer_cannot_approve(client, submitted, people):
    """Tiznit's reviewer is offered no action on Tanger's practice, and a POST
    to the action URL is refused: the practice stays at the commune review."""
    reviewer_b = people["reviewer_b"]
    task = submitted.current_workflow_task.specific
    assert task.get_actions(submitted, reviewer_b) == []
    response = logged_in(client, reviewer_b).post(
        action_url(submitted, "approve"), {"comment": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    response = act(client, submitted, "approve")
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert task_name(submitted) == in_french(COMMUNE_REVIEW)
    assert submitted.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_reviewer_cannot_approve_another_commune_through_own_page(
    client, django_user_model, people
):
    """The action URL names a page and a task state: Tanger's reviewer may not
    approve Tiznit's submission by pairing it with a Tanger page they review."""
    ours = create_and_submit(client, people["editor_a"], slug="ours")
    theirs = create_and_submit(
        client, people["editor_b"], slug="theirs", commune="tiznit"
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(ours.pk, "approve", theirs.current_workflow_task_state.pk),
    )
    response = logged_in(client, people["reviewer_a"]).post(
        url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert task_name(theirs) == in_french(COMMUNE_REVIEW)
    assert theirs.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_coordinator_cannot_skip_the_commune_review_step(client, submitted, people):
    """The coordination acts at its own step: at the commune review it is
    offered no action (it may still publish directly, as it publishes anything)."""
    coordinator = people["coordinator"]
    assert (
        submitted.current_workflow_task.specific.get_actions(submitted, coordinator)
        == []
    )
    assert act(logged_in(client, coordinator), submitted, "approve").status_code == 403


def test_requesting_changes_and_resubmitting(client, submitted, people):
    """The reviewer requests changes with a comment; the editor sees the page
    needs changes and the comment, edits and resubmits: it is back at the
    commune review."""
    response = act(
        logged_in(client, people["reviewer_a"]), submitted, "reject", COMMENT
    )
    assert succeeded(response)
    state = WorkflowState.objects.get(pk=submitted.workflow_states.get().pk)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    editor = logged_in(client, people["editor_a"])
    page = editor.get(edit_url(submitted))
    assert page.status_code == 200
    html = page.content.decode()
    assert COMMENT.replace("'", "&#x27;") in html or COMMENT in html

    data = {
        **practice_form("Cantine solidaire", "cantine-solidaire", summary="Corrigé."),
        "action-submit": "1",
    }
    response = editor.post(edit_url(submitted), data)
    assert response.status_code == 302, messages_of(response)
    submitted.refresh_from_db()
    assert submitted.current_workflow_state.pk == state.pk  # resumed, not restarted
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert task_name(submitted) == in_french(COMMUNE_REVIEW)
    assert submitted.get_latest_revision_as_object().summary == "Corrigé."


def test_editor_cannot_publish(client, people):
    """ "Publish" from a commune editor only saves a draft: nothing goes live,
    whether creating or editing."""
    parent = section("tanger")
    editor = logged_in(client, people["editor_a"])
    data = {**practice_form("Cantine", "cantine"), "action-publish": "1"}
    assert editor.post(add_url(parent), data).status_code == 302
    page = PracticePage.objects.get(slug="cantine")
    assert not page.live
    assert editor.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state is None
    response = editor.get(edit_url(page))
    assert 'name="action-publish"' not in response.content.decode()
    assert 'name="action-submit"' in response.content.decode()


def test_editor_cannot_approve_own_submission(client, submitted, people):
    """The author is no reviewer: no action, the POST is refused."""
    editor = people["editor_a"]
    assert submitted.current_workflow_task.specific.get_actions(submitted, editor) == []
    assert act(logged_in(client, editor), submitted, "approve").status_code == 403


def test_arabic_practice_goes_to_its_communes_reviewers(client, people):
    """A practice written in Arabic in Tanger's Arabic section follows the
    same workflow: Tanger's reviewers approve it."""
    parent = section("tanger", "ar")
    data = {**practice_form("مطعم تضامني", "matam"), "action-submit": "1"}
    response = logged_in(client, people["editor_a"]).post(add_url(parent), data)
    assert response.status_code == 302, messages_of(response)
    page = PracticePage.objects.get(slug="matam")
    assert page.locale.language_code == "ar"
    assert task_name(page) == in_french(COMMUNE_REVIEW)
    assert (
        act(logged_in(client, people["reviewer_b"]), page, "approve").status_code == 403
    )
    assert succeeded(act(logged_in(client, people["reviewer_a"]), page, "approve"))


@pytest.mark.parametrize(
    ("index_model", "model"),
    [(TemplateIndexPage, TemplatePage), (TrainingIndexPage, TrainingPage)],
)
def test_trainer_resource_goes_to_coordination(client, people, index_model, model):
    """A trainer's template or training enters the resource workflow at the
    coordination, which publishes it; the trainer cannot publish."""
    from tests.test_admin import template_data, training_data

    data = template_data("fr") if model is TemplatePage else training_data("fr")
    parent = index_model.objects.get(locale__language_code="fr")
    trainer = logged_in(client, people["trainer"])
    response = trainer.post(add_url(parent, model), {**data, "action-publish": "1"})
    assert response.status_code == 302
    page = model.objects.get(slug=data["slug"])
    assert not page.live
    response = trainer.post(edit_url(page), {**data, "action-submit": "1"})
    assert response.status_code == 302, messages_of(response)
    page.refresh_from_db()
    assert page.current_workflow_state.workflow.name == in_french(RESOURCE)
    assert task_name(page) == in_french(COORDINATION)
    assert act(trainer, page, "approve").status_code == 403
    assert succeeded(act(logged_in(client, people["coordinator"]), page, "approve"))
    page.refresh_from_db()
    assert page.live


@pytest.fixture
def localize_translation(client, people):
    """A live French practice of Tanger that the coordination sent for
    translation into Arabic with wagtail-localize ("Translate")."""
    practice = PracticePageFactory(commune="tanger", title="Cantine solidaire")
    return start_translation(logged_in(client, people["coordinator"]), practice)


def test_translation_submitted_by_translator_is_published_by_coordination(
    client, localize_translation, people
):
    """The translator submits the wagtail-localize translation from its editor;
    it enters the translation workflow (not the commune review) and the
    coordination's approval publishes it, translated."""
    page = localize_translation
    translate_title(page, "مطعم تضامني")
    translator = logged_in(client, people["translator"])
    response = translator.get(edit_url(page))
    assert response.status_code == 200
    assert "js-translation-editor" in response.content.decode()
    assert 'name="action-submit"' in response.content.decode()

    response = translator.post(edit_url(page), {"action-submit": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.workflow.name == in_french(TRANSLATION)
    assert task_name(page) == in_french(COORDINATION)
    assert not page.live

    assert act(translator, page, "approve").status_code == 403
    assert succeeded(act(logged_in(client, people["coordinator"]), page, "approve"))
    page.refresh_from_db()
    assert page.live
    assert page.title == "مطعم تضامني"
    assert client.get(page.url).status_code == 200


def test_translator_cannot_publish_a_translation(client, localize_translation, people):
    """The translation editor's "Publish" is refused to the translator."""
    page = localize_translation
    translator = logged_in(client, people["translator"])
    response = translator.get(edit_url(page))
    assert "&quot;canPublish&quot;: false" in response.content.decode()
    response = translator.post(edit_url(page), {"action": "publish"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live


def awaiting_review(client, user):
    """Titles in the dashboard's "Awaiting your review" panel of ``user``."""
    response = logged_in(client, user).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    panel = soup(response).select_one("#awaiting-review-content")
    if panel is None:
        return []
    return [td.get_text(" ", strip=True) for td in panel.select("td.title")]


def test_dashboard_lists_own_communes_submissions(client, people):
    """Each commune's reviewer finds its own submission awaiting review, not the
    other commune's; the coordination sees a submission once it reaches its step."""
    create_and_submit(client, people["editor_a"], slug="ours", title="À Tanger")
    theirs = create_and_submit(
        client, people["editor_b"], slug="theirs", commune="tiznit", title="À Tiznit"
    )
    assert awaiting_review(client, people["reviewer_a"]) == ["À Tanger"]
    assert awaiting_review(client, people["reviewer_b"]) == ["À Tiznit"]
    assert awaiting_review(client, people["editor_a"]) == []
    assert awaiting_review(client, people["coordinator"]) == []

    assert succeeded(act(logged_in(client, people["reviewer_b"]), theirs, "approve"))
    assert awaiting_review(client, people["reviewer_a"]) == ["À Tanger"]
    assert awaiting_review(client, people["reviewer_b"]) == []
    assert awaiting_review(client, people["coordinator"]) == ["À Tiznit"]


def test_reviewer_comments_on_a_submitted_page(client, submitted, people):
    """Commenting is on: the reviewer leaves a comment on the summary while
    requesting changes from the editor; the editor's editor shows it."""
    from wagtail.models import Comment

    reviewer = logged_in(client, people["reviewer_a"])
    assert 'id="comments-data"' in reviewer.get(edit_url(submitted)).content.decode()
    comment = {
        "id": "",
        "contentpath": "summary",
        "text": COMMENT,
        "position": "",
        "resolved": "",
        "replies": inline_formset([]),
    }
    data = {
        **practice_form("Cantine solidaire", "cantine-solidaire", comments=[comment]),
        "action-workflow-action": "1",
        "workflow-action-name": "reject",
        "workflow-action-extra-data": '{"comment": "Voir le commentaire."}',
    }
    response = reviewer.post(edit_url(submitted), data)
    assert response.status_code == 302, messages_of(response)
    saved = Comment.objects.get(page=submitted)
    assert (saved.text, saved.contentpath, saved.user) == (
        COMMENT,
        "summary",
        people["reviewer_a"],
    )
    submitted.refresh_from_db()
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    response = logged_in(client, people["editor_a"]).get(edit_url(submitted))
    data = json.loads(soup(response).find(id="comments-data").string)
    assert [c["text"] for c in data["comments"]] == [COMMENT]


def test_renamed_translation_workflow_still_takes_translations(localize_translation):
    """The workflow is found by key (hub.keys): renamed in the admin, it is
    still the one a translation goes to; deactivated, it takes none."""
    workflow = keys.get(Workflow, TRANSLATION_KEY)
    workflow.name = "Traductions"
    workflow.save()
    assert localize_translation.get_workflow() == workflow
    workflow.deactivate()
    assert localize_translation.get_workflow() != workflow
