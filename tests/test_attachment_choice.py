"""Issue #9, item 4: an editor attaches only documents they may choose.

Wagtail's chooser shows an editor only the documents of their collections, but
a page form POST may name any document id. The attachments of practice,
template and training forms (create, edit, preview) refuse a new or changed
choice outside the editor's collections with a field error, and nothing is
saved; what the page already attaches stays valid for the next editor. The
share form takes no document id from the browser, and checks what it attaches
the same way. The rule is ``practices/attachment_choice.py``.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.models import GroupCollectionPermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from documents.models import HubDocument
from practices.models import PracticePage, TemplatePage
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.test_admin import add_url, practice_data, tanger_section, template_data
from tests.test_share_form import filled, pdf
from tests.workflow_helpers import (
    commune_collection,
    coordinators,
    editor_group,
    make_user,
    reviewer_group,
    shared_collection,
    trainers,
)

pytestmark = pytest.mark.django_db

REFUSED = (
    "Vous ne pouvez pas joindre ce document : il se trouve dans une collection "
    "que vous n'avez pas le droit d'utiliser."
)
SECRET_TITLE = "Convention secrète de Tiznit"


@pytest.fixture
def documents():
    """Tiznit's private file, and files Tanger's editor may choose."""
    tiznit_private = commune_collection("tiznit", private=True)
    return {
        "tiznit": HubDocumentFactory(title=SECRET_TITLE, collection=tiznit_private),
        "tanger": HubDocumentFactory(
            title="Bilan de Tanger", collection=commune_collection("tanger")
        ),
        "shared": HubDocumentFactory(
            title="Modèle commun", collection=shared_collection()
        ),
        "root": HubDocumentFactory(title="Note de la coordination"),
    }


def logged_in(client, django_user_model, username, *groups):
    client.force_login(make_user(django_user_model, username, *groups))
    return client


@pytest.fixture
def editor_a(client, django_user_model):
    return logged_in(client, django_user_model, "redaction-a", editor_group("tanger"))


def with_attachments(data, *rows, initial=0):
    """``data`` with the attachments formset replaced by ``rows`` (dicts with
    "document", and "id" for the rows the page already has)."""
    return {
        **data,
        **nested_form_data(
            {"attachments": inline_formset(list(rows), initial=initial)}
        ),
    }


def draft_a(**kwargs):
    page = PracticePageFactory(
        commune="tanger",
        title="Brouillon de Tanger",
        live=False,
        first_published_at=None,
        last_published_at=None,
        **kwargs,
    )
    page.save_revision()
    return PracticePage.objects.get(pk=page.pk)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def refused_forms(response):
    """The attachment forms of the re-rendered page form that carry the error."""
    assert response.status_code == 200, response.status_code
    forms = response.context["form"].formsets["attachments"].forms
    return [
        i for i, form in enumerate(forms) if REFUSED in form.errors.get("document", [])
    ]


def shows(response, text):
    return text in BeautifulSoup(response.content, "html.parser").get_text()


def test_creating_a_fiche_with_another_commune_file_is_refused(editor_a, documents):
    """Tanger's editor forges Tiznit's private document into a new fiche: a clear
    error on that attachment, no fiche, and the form does not show the title."""
    data = with_attachments(
        practice_data("fr"),
        {"document": documents["tanger"].pk},
        {"document": documents["tiznit"].pk},
    )
    response = editor_a.post(add_url(PracticePage, tanger_section("fr")), data)
    assert refused_forms(response) == [1]
    assert shows(response, REFUSED)
    assert not shows(response, SECRET_TITLE)
    assert not PracticePage.objects.filter(slug="cantine-solidaire").exists()


def test_editing_a_draft_with_another_commune_file_saves_nothing(editor_a, documents):
    """The same forgery on an existing draft: refused, no new revision, and the
    document stays out of the editor's reach."""
    page = draft_a()
    revisions = page.revisions.count()
    data = with_attachments(
        practice_data("fr", slug=page.slug), {"document": documents["tiznit"].pk}
    )
    response = editor_a.post(edit_url(page), data)
    assert refused_forms(response) == [0]
    assert not shows(response, SECRET_TITLE)
    assert page.revisions.count() == revisions
    assert not PracticePage.objects.get(pk=page.pk).attachments.exists()
    assert editor_a.get(documents["tiznit"].url).status_code == 404


def test_preview_refuses_a_forged_attachment(editor_a, documents):
    """The live preview validates the same form: no preview of the forgery
    (it would show the document's text)."""
    page = draft_a()
    data = with_attachments(
        practice_data("fr", slug=page.slug), {"document": documents["tiznit"].pk}
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    response = editor_a.post(url, data)
    assert json.loads(response.content)["is_valid"] is False
    assert SECRET_TITLE not in editor_a.get(url).content.decode()


@pytest.mark.parametrize(
    ("row", "initial"),
    [
        ({"document": "abc"}, 0),  # not a number
        ({"document": "99999999999999999999999"}, 0),  # out of range
        ({"document": "-1"}, 0),  # no such document
        ({"id": "abc", "document": "{tanger}"}, 1),  # a malformed row id
        ({"id": "999999", "document": "{tiznit}"}, 1),  # another page's row
    ],
)
def test_forged_attachment_rows_are_refused_without_a_server_error(
    client, django_user_model, documents, row, initial
):
    """Whatever the POST says about the attachment rows: the form comes back
    with an error (never a 500), and nothing is saved."""
    client = logged_in(client, django_user_model, "redaction-a", editor_group("tanger"))
    client.raise_request_exception = False
    page = draft_a()
    revisions = page.revisions.count()
    ids = {name: str(document.pk) for name, document in documents.items()}
    row = {key: value.format(**ids) for key, value in row.items()}
    data = practice_data("fr", slug=page.slug)
    response = client.post(edit_url(page), with_attachments(data, row, initial=initial))
    assert response.status_code == 200
    assert response.context["form"].formsets["attachments"].errors != [{}]
    assert not shows(response, SECRET_TITLE)
    assert page.revisions.count() == revisions


def test_files_the_editor_may_choose_are_attached(editor_a, documents):
    """Their commune's collection and the shared templates: saved."""
    page = draft_a()
    data = with_attachments(
        practice_data("fr", slug=page.slug),
        {"document": documents["tanger"].pk},
        {"document": documents["shared"].pk},
    )
    response = editor_a.post(edit_url(page), data)
    assert response.status_code == 302
    attached = PracticePage.objects.get(pk=page.pk).attachments.order_by("sort_order")
    assert [a.document for a in attached] == [documents["tanger"], documents["shared"]]


def test_what_the_page_already_attaches_stays_valid_for_the_next_editor(
    client, django_user_model, documents
):
    """A coordinator attached a file Tanger's reviewer may not choose; the
    reviewer edits the fiche (posting the attachment back as the editor does,
    or as a new row) and it is saved, the attachment kept."""
    page = draft_a(attachments=[documents["root"]])
    attachment = page.attachments.get()
    reviewer = logged_in(
        client, django_user_model, "relecture-a", reviewer_group("tanger")
    )
    data = practice_data("fr", slug=page.slug)
    existing = with_attachments(
        data, {"id": attachment.pk, "document": documents["root"].pk}, initial=1
    )
    assert reviewer.post(edit_url(page), existing).status_code == 302
    anew = with_attachments(data, {"document": documents["root"].pk})
    assert reviewer.post(edit_url(page), anew).status_code == 302
    page = PracticePage.objects.get(pk=page.pk)
    assert {a.document for a in page.attachments.all()} == {documents["root"]}


def test_changing_an_attachment_to_a_forbidden_file_is_refused(
    client, django_user_model, documents
):
    """An existing row whose document is swapped for one the editor may not
    choose: a new choice, so refused."""
    page = draft_a(attachments=[documents["tanger"]])
    attachment = page.attachments.get()
    editor = logged_in(client, django_user_model, "redaction-a", editor_group("tanger"))
    data = with_attachments(
        practice_data("fr", slug=page.slug),
        {"id": attachment.pk, "document": documents["tiznit"].pk},
        initial=1,
    )
    response = editor.post(edit_url(page), data)
    assert refused_forms(response) == [0]
    page = PracticePage.objects.get(pk=page.pk)
    assert [a.document for a in page.attachments.all()] == [documents["tanger"]]


def test_the_coordination_attaches_any_file(client, django_user_model, documents):
    """Rights on every collection: Tiznit's private file is theirs to attach."""
    coordinator = logged_in(client, django_user_model, "coordination", coordinators())
    page = draft_a()
    data = with_attachments(
        practice_data("fr", slug=page.slug), {"document": documents["tiznit"].pk}
    )
    assert coordinator.post(edit_url(page), data).status_code == 302
    page = PracticePage.objects.get(pk=page.pk)
    assert [a.document for a in page.attachments.all()] == [documents["tiznit"]]


def test_template_files_are_checked_too(client, django_user_model, documents):
    """A trainer's template: the shared templates yes, Tanger's file no."""
    trainer = logged_in(client, django_user_model, "formation", trainers())
    index = TemplatePageFactory().get_parent()
    url = add_url(TemplatePage, index)
    data = with_attachments(template_data("fr"), {"document": documents["tanger"].pk})
    data["attachments-MIN_NUM_FORMS"] = "1"
    assert refused_forms(trainer.post(url, data)) == [0]
    assert not TemplatePage.objects.filter(slug="convention-type").exists()
    data = with_attachments(template_data("fr"), {"document": documents["shared"].pk})
    assert trainer.post(url, data).status_code == 302
    assert (
        TemplatePage.objects.get(slug="convention-type").attachments.get().document
        == (documents["shared"])
    )


def test_share_form_takes_no_document_id_from_the_browser(editor_a, documents):
    """Ids slipped into the share form (as the files field, or as an admin
    formset would name them) attach nothing."""
    tiznit = str(documents["tiznit"].pk)
    data = filled(
        attachments=tiznit, **{"attachments-0-document": tiznit, "document": tiznit}
    )
    response = editor_a.post("/fr/partager/", data)
    assert response.status_code == 302
    page = PracticePage.objects.get(title="Espace d'écoute des femmes")
    assert not page.get_latest_revision_as_object().attachments.exists()


def test_share_form_attaches_only_where_the_agent_may(editor_a, documents):
    """An editor whose group lost its rights on the commune's collection: the
    share form refuses their files as the admin would, and keeps nothing."""
    GroupCollectionPermission.objects.filter(group=editor_group("tanger")).delete()
    before = HubDocument.objects.count()
    response = editor_a.post("/fr/partager/", filled(attachments=[pdf("bilan.pdf")]))
    assert response.status_code == 200
    assert shows(response, REFUSED)
    assert not PracticePage.objects.filter(title="Espace d'écoute des femmes").exists()
    assert HubDocument.objects.count() == before
    assert not default_storage.exists("documents/bilan.pdf")
