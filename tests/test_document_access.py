"""Issue #9, items 2 and 3: no private byte leaves through a document URL.

A document's bytes — Wagtail's serve view, every version, the thumbnail — reach
a visitor only when a live page they may see attaches it, or its collection is
public on purpose (« Modèles partagés »); otherwise only the people who work on
it get them, and everyone else a plain 404 (never a login redirect, which would
confirm the document exists). Thumbnail URLs need the file's whole checksum.
The rule is ``documents/access.py``.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, PageViewRestriction

from practices.models import PracticePage
from practices.publishing.roles import (
    SHARED_COLLECTION,
    group_name,
)
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    pdf_bytes,
)
from tests.test_share_form import filled, pdf
from tests.workflow_helpers import (
    commune_collection,
    coordinators,
    editor_group,
    make_user,
    partners,
    reviewer_group,
    shared_collection,
    trainers,
    translators,
)

pytestmark = pytest.mark.django_db

DOORS = ("file", "version", "thumbnail")
SECRET = "Ordre du jour zorglubien du conseil"


@pytest.fixture
def people(django_user_model):
    """One user per kind of viewer (anonymous has none)."""
    return {
        "outsider": make_user(django_user_model, "curieux"),
        "partner": make_user(django_user_model, "partenaire", partners()),
        "editor_b": make_user(django_user_model, "redaction-b", editor_group("tiznit")),
        "editor_a": make_user(django_user_model, "redaction-a", editor_group("tanger")),
        "reviewer_a": make_user(
            django_user_model, "relecture-a", reviewer_group("tanger")
        ),
        "translator": make_user(django_user_model, "traduction", translators()),
        "trainer": make_user(django_user_model, "formation", trainers()),
        "coordinator": make_user(django_user_model, "coordination", coordinators()),
        "superuser": django_user_model.objects.create_superuser("chef", "", "x"),
    }


@pytest.fixture
def clients(people):
    found = {"anonymous": Client()}
    for name, user in people.items():
        found[name] = Client()
        found[name].force_login(user)
    return found


VIEWERS = (
    "anonymous",
    "outsider",
    "partner",
    "editor_b",
    "editor_a",
    "reviewer_a",
    "translator",
    "trainer",
    "coordinator",
    "superuser",
)
# Who works on a document of Tanger's collection, or one a draft of Tanger's
# attaches: Tanger's team (the collection's rights, the draft's page rights),
# the translators ("choose" everywhere), the coordination, superusers.
TEAM_A = {"editor_a", "reviewer_a", "translator", "coordinator", "superuser"}


def collection(name):
    return Collection.objects.get(depth=2, name=name)


def commune_document(**kwargs):
    return HubDocumentFactory(
        collection=commune_collection("tanger"),
        file__data=pdf_bytes(SECRET),
        **kwargs,
    )


def urls(document):
    assert document.thumbnail_url, "a PDF has a thumbnail"
    return {
        "file": document.url,
        "version": document.versions.get().url,
        "thumbnail": document.thumbnail_url,
    }


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def served(client, url):
    """True for the bytes; False for a bare 404 (anything else fails)."""
    response = client.get(url)
    if response.status_code == 404:
        assert "Location" not in response, url
        assert b"%PDF" not in response.content and b"WEBP" not in response.content
        return False
    assert response.status_code == 200, (url, response.status_code)
    assert body(response)
    return True


def served_to(clients, document, viewers=VIEWERS):
    """The viewers who got every door of ``document`` (and no one got only some)."""
    got = set()
    for viewer in viewers:
        answers = {served(clients[viewer], url) for url in urls(document).values()}
        assert len(answers) == 1, (viewer, answers)
        if answers.pop():
            got.add(viewer)
    return got


def draft(**kwargs):
    return PracticePageFactory(
        commune="tanger",
        live=False,
        first_published_at=None,
        last_published_at=None,
        **kwargs,
    )


# Item 2: who gets a document that no live page publishes -----------------------


def test_a_document_attached_to_nothing_reaches_only_those_who_work_on_it(
    clients, people
):
    """Uploaded to Tanger's collection and attached to nothing yet: Tanger's
    team, the translators, the coordination and superusers get it; a visitor,
    a partner, another commune's editor or a trainer gets a 404 — and the
    refusals are not counted as downloads."""
    document = commune_document(uploaded_by_user=people["editor_a"])
    assert served_to(clients, document) == TEAM_A
    document.refresh_from_db()
    assert document.download_count == 2 * len(TEAM_A)  # file and version


def test_the_uploader_keeps_their_own_document(clients, django_user_model):
    """Whoever uploaded a document gets it back, whatever their rights now."""
    former = make_user(django_user_model, "ancienne-redactrice")
    document = commune_document(uploaded_by_user=former)
    client = Client()
    client.force_login(former)
    assert all(served(client, url) for url in urls(document).values())


def test_a_draft_attachment_reaches_the_draft_team_until_published(clients):
    """A document of the root collection attached only to a draft of Tanger:
    the draft's editors and reviewers get it through their page rights; once
    the fiche is published, everybody; unpublished again, a 404 again."""
    document = HubDocumentFactory(file__data=pdf_bytes(SECRET))
    page = draft(attachments=[document])
    assert served_to(clients, document) == TEAM_A
    page.save_revision().publish()
    assert served_to(clients, document, ["anonymous", "editor_b"]) == {
        "anonymous",
        "editor_b",
    }
    PracticePage.objects.get(pk=page.pk).unpublish()
    assert served_to(clients, document, ["anonymous", "editor_b"]) == set()


def test_an_attachment_added_in_a_draft_of_a_live_page_waits_for_publication(
    clients,
):
    """A live fiche's new draft attaches a document: the published fiche does
    not, so the document stays closed until the draft is published."""
    page = PracticePageFactory(commune="tanger", title="Fiche publiée")
    document = HubDocumentFactory(file__data=pdf_bytes(SECRET))
    page.attachments = [page.attachments.model(document=document, sort_order=0)]
    revision = page.save_revision()
    assert served_to(clients, document, ["anonymous", "reviewer_a"]) == {"reviewer_a"}
    revision.publish()
    assert served_to(clients, document, ["anonymous"]) == {"anonymous"}


def test_share_form_files_stay_closed_until_the_fiche_is_published(clients):
    """Files sent with « Partager une pratique » belong to a draft: Tanger's
    team gets them, no one else, until the coordination publishes the fiche."""
    response = clients["editor_a"].post(
        "/fr/partager/", filled(attachments=[pdf("compte-rendu.pdf")])
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(title="Espace d'écoute des femmes")
    document = page.attachments.get().document
    assert served_to(clients, document) == TEAM_A
    page.get_latest_revision().publish()
    assert served_to(clients, document, ["anonymous", "partner"]) == {
        "anonymous",
        "partner",
    }


def test_a_page_reserved_to_partners_publishes_its_attachments_to_them(clients):
    """A document only a partners-only live fiche attaches: partners get it;
    visitors and logged-in outsiders get a 404, not a login page."""
    document = HubDocumentFactory(file__data=pdf_bytes(SECRET))
    page = PracticePageFactory(commune="tanger", attachments=[document])
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([partners()])
    viewers = ["anonymous", "outsider", "partner"]
    assert served_to(clients, document, viewers) == {"partner"}


def test_a_page_password_opens_the_page_attachments(clients):
    """A fiche behind a shared password: its attachment is a 404 until the
    visitor has entered the password (as Wagtail records it in the session)."""
    document = HubDocumentFactory(file__data=pdf_bytes(SECRET))
    page = PracticePageFactory(commune="tanger", attachments=[document])
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sésame"
    )
    visitor = clients["anonymous"]
    assert served_to(clients, document, ["anonymous"]) == set()
    session = visitor.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert served_to(clients, document, ["anonymous"]) == {"anonymous"}


def test_shared_templates_are_public_on_purpose(clients):
    """« Modèles partagés » (and collections under it) publish their documents
    attached or not; a collection that only bears the same name does not."""
    shared = shared_collection()
    loose = HubDocumentFactory(collection=shared)
    below = HubDocumentFactory(collection=shared.add_child(name="Conventions"))
    namesake = HubDocumentFactory(
        collection=collection("Tanger").add_child(name=group_name(SHARED_COLLECTION))
    )
    assert served_to(clients, loose, ["anonymous"]) == {"anonymous"}
    assert served_to(clients, below, ["anonymous"]) == {"anonymous"}
    assert served_to(clients, namesake, ["anonymous", "editor_b"]) == set()


def test_thumbnails_of_unpublished_documents_stay_out_of_shared_caches(clients):
    """Only a published, unrestricted document's thumbnail is cached publicly."""
    closed = commune_document()
    response = clients["editor_a"].get(closed.thumbnail_url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    published = HubDocumentFactory()
    TemplatePageFactory(attachments=[published])
    response = clients["anonymous"].get(published.thumbnail_url)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def download_queries(client, document):
    with CaptureQueriesContext(connection) as queries:
        assert served(client, document.url)
    return len(queries)


def test_a_download_costs_the_same_queries_however_many_pages_attach_it(clients):
    """The check is one query, whether one live page attaches the document or
    six pages (live, draft, restricted) of every type do."""
    one = HubDocumentFactory()
    PracticePageFactory(commune="tanger", attachments=[one])
    many = HubDocumentFactory()
    for n in range(3):
        draft(title=f"Brouillon {n}", attachments=[many])
        TemplatePageFactory(title=f"Modèle {n}", attachments=[many])
    PracticePageFactory(commune="tiznit", attachments=[many])
    anonymous = clients["anonymous"]
    download_queries(anonymous, one)  # warm per-process caches
    assert download_queries(anonymous, one) == download_queries(anonymous, many)


# Item 3: thumbnails are not enumerable --------------------------------------


def test_thumbnail_needs_the_whole_checksum(clients, monkeypatch):
    """The URL carries the file's whole SHA-256; any prefix, or any other
    value, is a 404 — checked with a constant-time comparison."""
    from documents import downloads

    document = HubDocumentFactory()
    TemplatePageFactory(attachments=[document])
    checksum = document.checksum
    assert len(checksum) == 64
    assert document.thumbnail_url == (
        f"/documents/{document.pk}/apercu/{checksum}.webp"
    )
    anonymous = clients["anonymous"]
    for guess in (
        checksum[:1],
        checksum[:16],
        checksum[:63],
        checksum + "0",
        checksum.upper(),
        "0" * 64,
    ):
        url = f"/documents/{document.pk}/apercu/{guess}.webp"
        assert anonymous.get(url).status_code == 404, guess
    compared = []
    original = downloads.constant_time_compare

    def spy(a, b):
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr(downloads, "constant_time_compare", spy)
    assert anonymous.get(document.thumbnail_url).status_code == 200
    assert compared == [(checksum, checksum)]


def test_renamed_shared_templates_stay_public(clients):
    """The collection is found by key (hub.keys): renamed in the admin, its
    documents are still public, and a new collection under the old name is
    not."""
    shared = shared_collection()
    shared.name = "Modèles communs"
    shared.save()
    loose = HubDocumentFactory(collection=shared)
    namesake = HubDocumentFactory(
        collection=Collection.get_first_root_node().add_child(
            name=group_name(SHARED_COLLECTION)
        )
    )
    assert served_to(clients, loose, ["anonymous"]) == {"anonymous"}
    assert served_to(clients, namesake, ["anonymous"]) == set()
