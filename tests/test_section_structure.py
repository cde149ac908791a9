"""Commune sections are structure (issue #14, item 9): a commune's editors add
practices under their section but do not edit or submit the section itself,
and nobody meets a server error previewing one."""

from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data

from practices.models import PracticePage
from tests.test_admin import practice_data
from tests.workflow_helpers import coordinators, editor_group, make_user, section

pytestmark = pytest.mark.django_db

# Wagtail's refusal, as its French admin words it (wagtail/admin/auth.py).
REFUSAL = "Désolé, vous n'avez pas les autorisations pour accéder à cette zone."


def section_form(page, title):
    return nested_form_data(
        {"title": title, "slug": page.slug, "commune": page.commune_id}
    )


@pytest.fixture
def coordinator(django_user_model):
    return make_user(django_user_model, "coordination", coordinators())


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "redaction", editor_group("tanger"))


def login(client, user):
    client.force_login(user)
    return client


def test_previewing_a_section_is_never_a_server_error(client, coordinator):
    """The section redirects to its commune's page: it has nothing of its own
    to preview, so its editor offers no preview, and the preview URL answers
    without an error."""
    login(client, coordinator)
    page = section("tanger")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    client.raise_request_exception = False
    client.post(url, section_form(page, page.title))
    assert client.get(url).status_code in (200, 302, 404)
    revision = reverse(
        "wagtailadmin_pages:revisions_view", args=(page.pk, page.latest_revision_id)
    )
    assert client.get(revision).status_code in (200, 302, 404)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit.status_code == 200
    assert 'data-side-panel="preview"' not in edit.content.decode()


def test_an_editor_cannot_edit_their_section(client, editor):
    """Refused with Wagtail's message, whether they open the form or post it."""
    login(client, editor)
    page = section("tanger")
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert REFUSAL in unescape(response.content.decode())
    client.post(url, section_form(page, "Changé par la rédaction"))
    client.post(url, {**section_form(page, "Soumise"), "action-submit": "1"})
    latest = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.title == page.title
    assert Page.objects.get(pk=page.pk).current_workflow_state is None


def test_the_explorer_offers_no_edit_of_the_section_but_adding(client, editor):
    login(client, editor)
    page = section("tanger")
    html = client.get(reverse("wagtailadmin_explore", args=(page.pk,))).content
    html = html.decode()
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) not in html
    add = reverse("wagtailadmin_pages:add_subpage", args=(page.pk,))
    assert add in html


def test_an_editor_still_adds_a_practice_under_their_section(client, editor):
    login(client, editor)
    page = section("tanger")
    url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", page.pk))
    assert client.get(url).status_code == 200
    data = practice_data("fr", slug="ajoutee-sous-la-section")
    client.post(url, {**data, "action-submit": "1"})
    added = PracticePage.objects.child_of(page).get(slug="ajoutee-sous-la-section")
    assert added.owner == editor
    assert added.workflow_in_progress  # the practice workflow, from the index


def test_sections_go_through_no_workflow(client, coordinator):
    """Structure is published by the coordination, not submitted: no
    « Soumettre à Fiche pratique… » on a section."""
    login(client, coordinator)
    page = section("tanger")
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    assert 'name="action-submit"' not in html.decode()
    assert 'name="action-publish"' in html.decode()
