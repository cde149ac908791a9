"""A hand-made POST to the page editor gets a form error, never a 500.

modelcluster reads an inline row's id from the POST: a malformed or foreign
id in the participants rows (« Participants par public cible ») used to raise
deep in formset construction. Now the page comes back with an error and
nothing is saved (``practices/inline_forms.py``); the attachments rows, which
share the same formset, are covered in test_attachment_choice.py."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from programme.models import TargetPublic
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)
from tests.test_admin import practice_data, term
from tests.test_attachment_choice import draft_a, edit_url, logged_in
from tests.workflow_helpers import editor_group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("row_id", ["abc", "999999"])
def test_forged_participation_rows_get_a_form_error(client, django_user_model, row_id):
    editor = logged_in(client, django_user_model, "redaction-a", editor_group("tanger"))
    editor.raise_request_exception = False
    page = draft_a()
    revisions = page.revisions.count()
    row = {"id": row_id, "target_public": term(TargetPublic, "youth", "fr").pk}
    data = {
        **practice_data("fr", slug=page.slug),
        **nested_form_data(
            {"participations": inline_formset([{**row, "count": "5"}], initial=1)}
        ),
    }
    response = editor.post(edit_url(page), data)
    assert response.status_code == 200
    assert response.context["form"].formsets["participations"].errors != [{}]
    assert page.revisions.count() == revisions
