"""« Partager une pratique »: who may use it, where the draft goes, the workflow,
and that nothing typed or chosen is lost when something must be corrected."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Collection, PageLogEntry, WorkflowState

from documents.models import HubDocument
from practices.models import PracticePage
from practices.models.review_task import CommuneReviewTask
from practices.models.roles import EDITOR, REVIEWER, CommuneRole
from practices.publishing.sections import section_for
from practices.share import pending
from programme.models import Commune, TargetPublic, Theme
from tests.factories import (
    PDF_BYTES,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    locale,
)
from tests.workflow_helpers import commune_collection

pytestmark = pytest.mark.django_db

URL = "/fr/partager/"
# A Windows program (MZ header pointing at a PE header), renamed .pdf.
EXE_BYTES = b"MZ" + b"\x00" * 58 + b"\x40\x00\x00\x00" + b"PE\x00\x00" + b"\x00" * 64


def commune(slug):
    return Commune.objects.get(slug=slug, locale=locale("fr"))


def group_of(slug, role=EDITOR):
    return CommuneRole.objects.get(commune=commune(slug), role=role).group


def member(username, *groups):
    user = User.objects.create_user(username, password="x", first_name="Salma")
    user.groups.add(*groups)
    return user


@pytest.fixture
def editor():
    return member("redactrice-tanger", group_of("tanger"))


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def filled(**overrides):
    """Every field of the form, each with a value that can be found again."""
    data = {
        "language": "fr",
        "title": "Espace d'écoute des femmes",
        "summary": "Deux matinées par semaine, 340 femmes écoutées.",
        "context": "Les femmes ne savaient pas à qui s'adresser.",
        "objectives": "Un lieu d'écoute proche du quartier.",
        "body": "Réunion des associations.\n\nAménagement d'une salle.",
        "start_date": "2023-02-01",
        "end_date": "2024-06-30",
        "status": "ongoing",
        "actors_services": "Service de l'action sociale",
        "actors_associations": "Association Amal",
        "actors_authorities": "Entraide nationale",
        "resources": "Une assistante sociale à mi-temps",
        "funding_own": "25000",
        "funding_external": "60000",
        "results": "120 femmes orientées vers un service",
        "difficulties": "Peu de femmes osaient venir au début",
        "lessons": "Passer par les associations crée la confiance",
        "transferability": "Une salle discrète et une personne formée",
        "themes": [str(theme("egalite-femmes-hommes").pk)],
        "target_publics": [str(public("women").pk)],
        "tags": "écoute, orientation",
        "contacts": "Fatima Z., cheffe du service social",
        "action": "draft",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def theme(slug, language="fr"):
    return Theme.objects.get(slug=slug, locale=locale(language))


def public(slug, language="fr"):
    return TargetPublic.objects.get(slug=slug, locale=locale(language))


def pdf(name="bilan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def created(client, data, url=URL):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return PracticePage.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def kept_token(html):
    return unescape(re.search(r'name="kept" value="([^"]*)"', html).group(1))


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    """The form is for members: anonymous visitors log in first, then come back."""
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/fr/compte/connexion/?next=/fr/partager/"


def test_member_without_commune_role_is_told_whom_to_ask(client):
    """A logged-in member who edits for no commune reads what to do, no form."""
    client.force_login(member("partenaire"))
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 403
    assert "coordination du programme" in html
    assert "groupe de rédaction de votre commune" in html
    assert 'name="title"' not in html


def test_reviewer_only_is_not_an_editor(client):
    """Reviewing for a commune does not allow writing for it."""
    client.force_login(member("relecteur", group_of("tanger", REVIEWER)))
    assert client.get(URL).status_code == 403


def test_form_walks_through_the_fiche_with_examples(editor_client):
    """Every section of a fiche, in order, each with an example."""
    html = editor_client.get(URL).content.decode()
    for legend in ["1. Votre commune", "2. La pratique en bref", "8. Contacts"]:
        assert legend in html
    assert html.index('name="title"') < html.index('name="context"')
    assert html.index('name="context"') < html.index('name="attachments"')
    assert "Exemple : Un espace d&#x27;écoute" in html
    assert 'name="commune"' not in html  # one commune: nothing to choose
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html


def test_draft_lands_in_the_editor_commune_section(editor_client, editor):
    """« Enregistrer le brouillon »: a draft in Tanger's section, not submitted."""
    page = created(editor_client, filled())
    assert page.get_parent().pk == section_for(commune("tanger"), locale("fr")).pk
    assert page.commune.slug == "tanger"
    assert not page.live
    assert page.owner == editor
    assert not page.workflow_in_progress
    assert page.url_path.endswith("/tanger/espace-decoute-des-femmes/")
    revision = page.get_latest_revision_as_object()
    assert revision.funding_own == 25000
    assert [t.slug for t in revision.themes.all()] == ["egalite-femmes-hommes"]
    assert sorted(t.name for t in revision.tags.all()) == ["orientation", "écoute"]
    # Escaped, then serialised by the rich text sanitiser (an apostrophe needs
    # no escaping in text).
    assert revision.context == "<p>Les femmes ne savaient pas à qui s'adresser.</p>"
    assert [b.block_type for b in revision.body] == ["paragraph", "paragraph"]
    assert revision.year == 2023


def test_title_and_summary_are_enough(editor_client):
    """Everything but the title and the summary may be completed later."""
    page = created(editor_client, {"language": "fr", "title": "T", "summary": "S"})
    assert page.status == "ongoing"
    assert page.funding_own is None and not page.attachments.exists()


def test_audit_log_records_creation_and_submission(editor_client, editor):
    """Wagtail's audit log says who created the fiche and submitted it."""
    page = created(editor_client, filled(action="submit"))
    actions = set(
        PageLogEntry.objects.filter(page=page, user=editor).values_list(
            "action", flat=True
        )
    )
    assert {"wagtail.create", "wagtail.workflow.start"} <= actions


def test_forged_commune_is_ignored_for_a_one_commune_editor(editor_client):
    """Naming another commune in the POST changes nothing: Tanger's section."""
    page = created(editor_client, filled(commune="chefchaouen"))
    assert page.commune.slug == "tanger"
    assert page.get_parent().specific.commune.slug == "tanger"


def test_editor_of_two_communes_chooses_one_of_theirs(client):
    """With two communes the agent chooses; another commune is refused."""
    client.force_login(member("double", group_of("tanger"), group_of("tiznit")))
    html = client.get(URL).content.decode()
    assert 'value="tiznit"' in html and 'value="chefchaouen"' not in html
    before = PracticePage.objects.count()
    response = client.post(URL, filled(commune="chefchaouen"))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(URL, filled())  # no commune chosen
    assert response.status_code == 200
    assert PracticePage.objects.count() == before
    page = created(client, filled(commune="tiznit"))
    assert page.get_parent().specific.commune.slug == "tiznit"


def test_arabic_fiche_goes_to_the_arabic_section(editor_client):
    """Language « Arabe »: the draft is in the Arabic tree of Tanger's section."""
    page = created(editor_client, filled(language="ar", title="فضاء الإنصات للنساء"))
    assert page.locale.language_code == "ar"
    assert page.original_language == "ar"
    assert page.get_parent().pk == section_for(commune("tanger"), locale("ar")).pk
    assert page.slug == "فضاء-الإنصات-للنساء"
    revision = page.get_latest_revision_as_object()
    # Terms chosen in the French interface point to their Arabic translations.
    assert revision.themes.get().locale.language_code == "ar"


def test_submit_starts_the_practice_workflow(editor_client):
    """« Envoyer en relecture »: the workflow starts at Tanger's reviewers."""
    page = created(editor_client, filled(action="submit"))
    assert page.workflow_in_progress
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task = state.current_task_state.task.specific
    assert isinstance(task, CommuneReviewTask)
    reviewer = member("relectrice", group_of("tanger", REVIEWER))
    other = member("relectrice-tiznit", group_of("tiznit", REVIEWER))
    assert task.get_task_states_user_can_moderate(reviewer).count() == 1
    assert task.get_task_states_user_can_moderate(other).count() == 0


def test_done_page_says_what_happens_next(editor_client):
    """The confirmation names the next steps and links to the admin editor."""
    page = created(editor_client, filled(action="submit"))
    html = editor_client.get(f"/fr/partager/merci/{page.pk}/").content.decode()
    assert "envoyée en relecture à la commune de <bdi>Tanger</bdi>" in html
    assert f"/admin/pages/{page.pk}/edit/" in html
    draft = created(editor_client, filled(title="Autre"))
    html = editor_client.get(f"/fr/partager/merci/{draft.pk}/").content.decode()
    assert "Votre brouillon est enregistré" in html


def test_done_page_is_only_for_the_author(editor_client, client):
    page = created(editor_client, filled())
    other = Client()
    other.force_login(member("autre", group_of("tanger")))
    assert other.get(f"/fr/partager/merci/{page.pk}/").status_code == 404


def test_every_typed_value_is_kept_on_a_validation_error(editor_client):
    """A missing title and dates in the wrong order: errors next to their
    fields, and every other value is still in the form."""
    before = PracticePage.objects.count()
    data = filled(title="", end_date="2022-01-01")
    response = editor_client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert PracticePage.objects.count() == before
    assert "Champ requis." in html
    assert "La fin ne peut pas précéder le début." in html
    values = unescape(html)
    for name, value in data.items():
        if name in ("themes", "target_publics"):
            assert re.search(rf'value="{value[0]}"[^>]*checked', html), name
        elif name == "status":
            assert '<option value="ongoing" selected>' in html
        elif name == "language":
            assert re.search(r'value="fr"[^>]*checked', html)
        elif name != "action" and value:
            assert value in values, name


def test_executable_renamed_pdf_is_refused_with_its_reason(editor_client):
    """A program renamed .pdf: refused by name and reason, nothing created."""
    pages, documents = PracticePage.objects.count(), HubDocument.objects.count()
    exe = SimpleUploadedFile("guide.pdf", EXE_BYTES, content_type="application/pdf")
    response = editor_client.post(URL, filled(attachments=[exe]))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "« guide.pdf » : Ce fichier est un programme exécutable" in html
    assert PracticePage.objects.count() == pages
    assert HubDocument.objects.count() == documents
    assert "Espace d'écoute des femmes" in html  # the typed values are still there


def test_accepted_file_is_kept_when_another_is_refused(editor_client, editor):
    """The valid PDF need not be chosen again: it is listed as received and
    attached on the next submission, in Tanger's collection."""
    exe = SimpleUploadedFile("outil.pdf", EXE_BYTES)
    response = editor_client.post(URL, filled(attachments=[pdf(), exe]))
    html = response.content.decode()
    assert "« outil.pdf »" in unescape(html)
    assert "Déjà reçus" in html and "bilan.pdf" in html
    token = kept_token(html)
    assert len(pending.loads(editor, token)) == 1
    page = created(editor_client, filled(kept=token))
    attachment = page.get_latest_revision_as_object().attachments.get()
    document = attachment.document
    assert document.title == "bilan"
    assert document.collection == commune_collection("tanger")
    assert document.uploaded_by_user == editor
    assert document.file.read() == PDF_BYTES
    assert pending.loads(editor, token) is None  # the kept file was used up
    assert default_storage.listdir(pending.FOLDER)[1] == []


def test_kept_file_can_be_removed(editor_client, editor):
    """Ticking « retirer » drops a received file; nothing is attached."""
    response = editor_client.post(URL, filled(title="", attachments=[pdf()]))
    html = response.content.decode()
    token = kept_token(html)
    key = re.search(r'name="kept_remove" value="([^"]+)"', html).group(1)
    page = created(editor_client, filled(kept=token, kept_remove=key))
    assert not page.attachments.exists()
    assert default_storage.listdir(pending.FOLDER)[1] == []


def test_kept_files_cannot_be_claimed_by_another_agent(editor_client, client):
    """A kept-files token is its owner's: another agent gets an error."""
    response = editor_client.post(URL, filled(title="", attachments=[pdf()]))
    token = kept_token(response.content.decode())
    client.force_login(member("autre-agent", group_of("tanger")))
    before = PracticePage.objects.count()
    response = client.post(URL, filled(kept=token))
    assert response.status_code == 200
    assert "choisissez-les à nouveau" in unescape(response.content.decode())
    assert PracticePage.objects.count() == before


def test_typed_html_is_shown_as_text(editor_client):
    """What agents type is escaped, never stored as markup."""
    page = created(
        editor_client, filled(context="<script>alert(1)</script>", body="<b>x</b>")
    )
    revision = page.get_latest_revision_as_object()
    assert "<script>" not in revision.context
    assert "&lt;script&gt;" in revision.context
    assert revision.body[0].value.source == "<p>&lt;b&gt;x&lt;/b&gt;</p>"


def test_arabic_interface(client, editor):
    """In /ar/ the form, its examples and its errors speak Arabic."""
    client.force_login(editor)
    html = client.get("/ar/partager/").content.decode()
    assert 'dir="rtl"' in html
    assert "شاركوا ممارسة" in html
    response = client.post("/ar/partager/", filled(title="", language="ar"))
    html = response.content.decode()
    assert "هذا الحقل مطلوب" in html or "هذا الحقل إلزامي" in html
    assert "Champ requis" not in html


@pytest.mark.parametrize(
    "garbage",
    [
        {"language": "xx"},
        {"status": "nope"},
        {"themes": ["abc", "999999"]},
        {"funding_own": "1e999"},
        {"funding_external": "-3"},
        {"start_date": "2024-13-45"},
        {"kept": "not-a-token"},
        {"kept_remove": ["x"] * 3},
        {"attachments": "not a file"},
        {"title": "x" * 5000},
        {"summary": "nul\x00byte"},
        {"commune": ["tanger", "tiznit"]},
        {"action": "publish"},
        {"tags": ",".join(["t"] * 50)},
    ],
)
def test_garbage_posts_never_make_a_server_error(editor_client, garbage):
    response = editor_client.post(URL, filled(**garbage))
    assert response.status_code in (200, 302)


def test_empty_post_shows_errors(editor_client):
    response = editor_client.post(URL, {})
    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()


def test_csrf_is_enforced(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, filled()).status_code == 403


def test_abandoned_kept_files_are_purged_after_a_day(editor_client, editor):
    """A form left with kept files: the files go after a day, not before."""
    from datetime import timedelta

    from django.utils import timezone

    response = editor_client.post(URL, filled(title="", attachments=[pdf()]))
    assert pending.loads(editor, kept_token(response.content.decode()))
    pending.purge_stale()
    assert len(default_storage.listdir(pending.FOLDER)[1]) == 1
    pending.purge_stale(now=timezone.now() + timedelta(days=1, minutes=1))
    assert default_storage.listdir(pending.FOLDER)[1] == []


def test_files_go_to_the_renamed_commune_collection(editor_client):
    """The commune's collection is found by key (hub.keys): renamed in the
    admin, it still receives the shared files; none is made under the old
    name."""
    tanger = commune_collection("tanger")
    tanger.name = "Tanger — documents"
    tanger.save()
    page = created(editor_client, filled(attachments=[pdf()]))
    document = page.get_latest_revision_as_object().attachments.get().document
    assert document.collection == tanger
    assert not Collection.objects.filter(name="Tanger").exists()
