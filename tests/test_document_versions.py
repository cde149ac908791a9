"""Document versions: replacing a file in the admin keeps the earlier one listed
and downloadable; downloads honour byte ranges and privacy, and are counted; a
template page lists versions in a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
)

from documents.models import DocumentVersion, HubDocument
from tests.factories import (
    HubDocumentFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

FIRST = pdf_bytes("Convention de partenariat, version de janvier")
SECOND = pdf_bytes("Convention de partenariat, version corrigée de mars")


def body(response):
    return b"".join(response.streaming_content)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def document():
    """A document a live template page publishes (others are not served to
    visitors, tests/test_document_access.py)."""
    document = HubDocumentFactory(
        title="Convention type",
        file__filename="convention.pdf",
        file__data=FIRST,
    )
    TemplatePageFactory(title="Modèle de convention", attachments=[document])
    return document


@pytest.fixture
def replaced(admin_client, document):
    """``document`` after its file was replaced in Wagtail's edit view and the
    new file approved by the coordination (a superuser here)."""
    response = replace_file(admin_client, document, note="Article 4 corrigé")
    assert response.status_code == 302, response.context["form"].errors
    pending = document.versions.get(pending=True)
    assert admin_client.post(review_url("approve", pending)).status_code == 302
    document.refresh_from_db()
    return document


def review_url(decision, version):
    """Where the coordination approves or rejects a pending file."""
    return reverse(f"documents_version_{decision}", args=[version.pk])


def replace_file(client, document, note=""):
    """POST Wagtail's edit view with a new file (and a version note)."""
    return client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "language": "fr",
            "collection": document.collection_id,
            "file": SimpleUploadedFile("convention.pdf", SECOND),
            "version_note": note,
        },
    )


@pytest.fixture
def document_editor(client, django_user_model):
    """Logged in with the rights to edit any document of the root collection,
    and none on pages: a commune's editor, not the coordination."""
    user = django_user_model.objects.create_user("redaction", password="x")
    group = Group.objects.create(name="Rédaction des documents")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ["add_document", "change_document", "choose_document"]:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtaildocs", codename=codename
            ),
        )
    user.groups.add(group)
    client.force_login(user)
    return client


def form_errors(response):
    errors = response.context["form"].errors
    return {name: list(messages) for name, messages in errors.items()}


def test_a_new_document_is_its_own_version_1(document):
    """Saving a document with a file records that file as version 1."""
    version = document.versions.get()
    assert version.number == 1
    assert version.file.name == document.file.name
    assert version.file_size == len(FIRST)
    assert version.checksum == document.checksum and len(version.checksum) == 64


def test_replacing_the_file_keeps_the_earlier_one(replaced, admin_user):
    """The admin's edit view with a new file: the document serves the new file,
    the old one stays in storage as version 1, the new one is version 2 and
    records who uploaded it."""
    first, second = replaced.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.file.name == replaced.file.name != first.file.name
    assert first.file.read() == FIRST
    assert replaced.file.read() == SECOND
    assert second.uploaded_by == admin_user
    assert second.note == "Article 4 corrigé"
    assert "corrigée" in replaced.extracted_text


def test_a_published_document_is_not_replaced_without_a_note(admin_client, document):
    """Replacing the file of a document a live page serves says what changes;
    without a note nothing is stored."""
    response = replace_file(admin_client, document)
    assert response.status_code == 200
    assert "version_note" in form_errors(response)
    document.refresh_from_db()
    assert document.versions.count() == 1
    assert document.file.read() == FIRST


@pytest.fixture
def proposed(document_editor, document):
    """A new file for ``document``, which a live page serves, proposed by an
    editor of the documents who cannot publish that page."""
    response = replace_file(document_editor, document, note="Nouvelle clause")
    assert response.status_code == 302, form_errors(response)
    document.refresh_from_db()
    return document


def test_a_new_file_for_a_published_document_waits_for_validation(
    client, proposed, django_user_model
):
    """The new file is stored as a pending version with its note; the document,
    its page and its search text keep the validated file; nobody outside the
    admin can download the pending one."""
    first, second = proposed.versions.order_by("number")
    assert (first.pending, second.pending) == (False, True)
    assert second.note == "Nouvelle clause"
    assert second.uploaded_by.username == "redaction"
    assert second.file.read() == SECOND
    assert proposed.file.read() == FIRST
    assert "janvier" in proposed.extracted_text
    client.logout()
    assert body(client.get(proposed.url)) == FIRST
    assert client.get(second.url).status_code == 404
    page = TemplatePageFactory(title="Convention", attachments=[proposed])
    html = soup(client.get(page.url))
    hrefs = [a["href"] for a in html.select(".document a[download]")]
    assert hrefs and not any("/v2/" in href for href in hrefs)


def test_the_version_list_shows_the_pending_file(admin_client, proposed):
    """The edit view lists the pending version, its note, a link to read it
    and, for the coordination, the buttons that decide."""
    response = admin_client.get(reverse("wagtaildocs:edit", args=[proposed.pk]))
    html = soup(response)
    rows = [
        li.get_text(" ", strip=True) for li in html.select("ol.document-versions li")
    ]
    assert rows[0].startswith("Version 2 — ")
    assert "en attente de validation" in rows[0] and "Nouvelle clause" in rows[0]
    pending = proposed.versions.get(pending=True)
    assert html.select_one(f'ol.document-versions a[href="{pending.url}"]')
    for decision in ("approve", "reject"):
        assert html.select_one(f'button[formaction="{review_url(decision, pending)}"]')
    assert body(admin_client.get(pending.url)) == SECOND
    proposed.refresh_from_db()
    assert proposed.download_count == 0  # a review, not a download


def test_the_coordinations_dashboard_lists_the_pending_file(
    admin_client, document_editor, proposed
):
    """« Fichiers à valider » on the dashboard of those who decide, linking to
    the document's edit view; not on the editor's."""
    panel = soup(admin_client.get(reverse("wagtailadmin_home"))).select_one(
        "#pending-document-files-content"
    )
    assert panel is not None
    link = panel.select_one("a")
    assert link["href"] == reverse("wagtaildocs:edit", args=[proposed.pk])
    assert link.get_text() == "Convention type"
    assert "version 2, déposée par" in panel.get_text(" ", strip=True)
    assert "Nouvelle clause" in panel.get_text()
    editors = soup(document_editor.get(reverse("wagtailadmin_home")))
    assert editors.select_one("#pending-document-files-content") is None


def test_the_editor_cannot_approve_their_own_file(document_editor, proposed):
    pending = proposed.versions.get(pending=True)
    response = document_editor.get(reverse("wagtaildocs:edit", args=[proposed.pk]))
    assert not soup(response).select("ol.document-versions button")
    for decision in ("approve", "reject"):
        # Wagtail's answer to PermissionDenied in its admin: back to the dashboard.
        response = document_editor.post(review_url(decision, pending))
        assert response.url == reverse("wagtailadmin_home")
    assert proposed.versions.get(number=2).pending


def test_the_coordination_approves_the_pending_file(admin_client, client, proposed):
    """Approved: the document serves the new file, its text is read again, its
    page lists it as the current version."""
    pending = proposed.versions.get(pending=True)
    response = admin_client.post(review_url("approve", pending))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtaildocs:edit", args=[proposed.pk])
    proposed.refresh_from_db()
    assert proposed.file.read() == SECOND
    assert "corrigée" in proposed.extracted_text
    assert not proposed.versions.filter(pending=True).exists()
    assert proposed.versions.count() == 2
    page = TemplatePageFactory(title="Convention", attachments=[proposed])
    links = soup(client.get(page.url)).select(".document a[download]")
    assert links[0]["href"].startswith(f"/documents/{proposed.pk}/v2/")
    assert body(client.get(links[0]["href"])) == SECOND


def test_the_coordination_rejects_the_pending_file(
    admin_client, proposed, django_capture_on_commit_callbacks
):
    """Rejected: the pending version and its file are gone; nothing changed."""
    pending = proposed.versions.get(pending=True)
    storage, name = pending.file.storage, pending.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(review_url("reject", pending))
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.file.read() == FIRST
    assert list(proposed.versions.values_list("number", flat=True)) == [1]
    assert not storage.exists(name)


def test_one_pending_file_at_a_time(document_editor, proposed):
    """Another new file while one waits is refused: the coordination decides
    on the first."""
    response = replace_file(document_editor, proposed, note="Encore une")
    assert response.status_code == 200
    assert "attend" in " ".join(form_errors(response)["file"])
    assert proposed.versions.count() == 2


def test_an_unpublished_document_is_replaced_freely(document_editor):
    """A document no live page serves (a draft's attachment) is its editors'
    to replace, a note or not."""
    draft_file = HubDocumentFactory(file__filename="brouillon.pdf", file__data=FIRST)
    response = replace_file(document_editor, draft_file)
    assert response.status_code == 302
    draft_file.refresh_from_db()
    assert draft_file.versions.count() == 2


def test_edit_view_lists_versions_with_note_date_and_author(admin_client, replaced):
    """The document's edit view lists its versions, newest first, each with its
    number, date, author and note."""
    response = admin_client.get(reverse("wagtaildocs:edit", args=[replaced.pk]))
    rows = [
        li.get_text(" ", strip=True)
        for li in soup(response).select("ol.document-versions li")
    ]
    assert len(rows) == 2, rows
    assert rows[0].startswith("Version 2 — ")
    assert "admin" in rows[0] and "Article 4 corrigé" in rows[0]
    assert rows[1].startswith("Version 1 — ")
    assert soup(response).select_one('[name="version_note"]') is not None


def test_template_page_lists_current_version_first_then_earlier(client, replaced):
    """The page links the current file, then "Version 1 — date — size", and the
    earlier version downloads with its own bytes."""
    page = TemplatePageFactory(title="Convention type", attachments=[replaced])
    html = soup(client.get(page.url))
    links = html.select(".document a[download]")
    assert links[0]["href"].startswith(f"/documents/{replaced.pk}/v2/")
    assert links[1]["href"].startswith(f"/documents/{replaced.pk}/v1/")
    assert links[1].get_text().startswith("Version 1 — ")
    assert "Version 2 (actuelle)" in html.select_one(".document .meta").get_text()
    earlier = client.get(links[1]["href"])
    assert earlier.status_code == 200
    assert body(earlier) == FIRST
    assert body(client.get(links[0]["href"])) == SECOND


def test_download_headers(client, document):
    """Downloads are attachments that browsers must not sniff, with an ETag and
    the ranges they accept."""
    response = client.get(document.versions.get().url)
    assert response["Content-Disposition"] == 'attachment; filename="convention.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == f'"{document.checksum}"'
    assert int(response["Content-Length"]) == len(FIRST)


def test_range_request_answers_206_with_those_bytes(client, document):
    """Range: bytes=0-9 gives 206 Partial Content and exactly 10 bytes."""
    response = client.get(document.versions.get().url, HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206
    assert body(response) == FIRST[:10]
    assert response["Content-Range"] == f"bytes 0-9/{len(FIRST)}"
    assert response["Content-Length"] == "10"


@pytest.mark.parametrize(
    ("header", "status", "expected"),
    [
        ("bytes=100-", 206, lambda data: data[100:]),
        ("bytes=-20", 206, lambda data: data[-20:]),
        ("bytes=0-99999999", 206, lambda data: data),
        ("bytes=0-4,10-14", 200, lambda data: data),  # several ranges: whole file
        ("items=0-4", 200, lambda data: data),
    ],
)
def test_other_ranges(client, document, header, status, expected):
    """Open-ended and suffix ranges resume a download; what the view does not
    handle falls back to the whole file, as RFC 9110 allows."""
    response = client.get(document.versions.get().url, HTTP_RANGE=header)
    assert response.status_code == status
    assert body(response) == expected(FIRST)


def test_unsatisfiable_range_and_stale_if_range(client, document):
    """A range past the end is 416; a range for another file (If-Range with
    another ETag) gets the whole current file."""
    url = document.versions.get().url
    response = client.get(url, HTTP_RANGE=f"bytes={len(FIRST)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(FIRST)}"
    response = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"other"')
    assert response.status_code == 200 and body(response) == FIRST


def test_wrong_filename_or_version_is_404(client, document):
    assert client.get(f"/documents/{document.pk}/v1/autre.pdf").status_code == 404
    assert client.get(f"/documents/{document.pk}/v9/convention.pdf").status_code == 404


def test_downloads_are_counted_and_shown(client, document):
    """Full downloads count, through our view and Wagtail's serve view alike;
    resuming (a range not at 0) and HEAD do not. The template page shows the
    count."""
    url = document.versions.get().url
    body(client.get(url))
    body(client.get(url, HTTP_RANGE="bytes=0-9"))
    body(client.get(url, HTTP_RANGE="bytes=10-"))
    client.head(url)
    response = client.get(document.url)  # Wagtail's /documents/<id>/<name>
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.download_count == 3
    page = TemplatePageFactory(attachments=[document])
    assert "3 téléchargements" in soup(client.get(page.url)).get_text()


@pytest.fixture
def private_document():
    """A document in a collection that only logged-in users may see, that a
    live template page attaches."""
    collection = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = HubDocumentFactory(title="Note interne", collection=collection)
    TemplatePageFactory(title="Modèle interne", attachments=[document])
    return document


def test_private_collection_is_required_and_not_counted(
    client, admin_client, private_document
):
    """Wagtail's collection view restrictions apply to every version and to the
    thumbnail; refused requests are not counted; the page shows neither the
    thumbnail nor the text of a private document."""
    url = private_document.versions.get().url
    for protected in (url, private_document.thumbnail_url):
        response = client.get(protected)
        assert response.status_code == 302
        assert "/compte/connexion/" in response["Location"]
    assert admin_client.get(url).status_code == 200
    private_document.refresh_from_db()
    assert private_document.download_count == 1
    page = TemplatePageFactory(attachments=[private_document])
    html = soup(client.get(page.url))
    # Listed without title or link to a visitor the restriction refuses
    # (tests/test_private_content.py); a logged-in one gets the link.
    assert not html.select(".document a[download]")
    assert "Note interne" not in html.get_text()
    assert not html.select(".document img") and not html.select(".document details")
    html = soup(admin_client.get(page.url))
    assert html.select_one(".document a[download]")["href"] == url
    assert not html.select(".document img") and not html.select(".document details")


def test_deleting_a_document_deletes_every_version_file(
    replaced, django_capture_on_commit_callbacks
):
    """Earlier files leave storage with their document."""
    storage = replaced.file.storage
    names = [version.file.name for version in replaced.versions.all()]
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        replaced.delete()
    assert not DocumentVersion.objects.exists()
    assert not any(storage.exists(name) for name in names)


def template_page_queries(client, attachments, versions):
    documents = HubDocumentFactory.create_batch(attachments)
    for document in documents:
        for _n in range(versions - 1):
            DocumentVersion.objects.create(
                document=document,
                number=document.versions.count() + 1,
                file=document.file.name,
                file_size=document.file_size,
            )
    page = TemplatePageFactory(attachments=documents)
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_versions_and_counts_cost_a_fixed_number_of_queries(client):
    """Two documents with one version each, or six with four: same queries."""
    assert template_page_queries(client, 2, 1) == template_page_queries(client, 6, 4)


def test_existing_documents_are_not_changed_by_a_metadata_edit(admin_client):
    """Editing only the title records no new version."""
    document = HubDocumentFactory(title="Guide")
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Guide révisé",
            "language": "fr",
            "collection": document.collection_id,
        },
    )
    assert response.status_code == 302
    assert HubDocument.objects.get().versions.count() == 1


def test_the_cached_page_follows_the_approval(
    settings, client, admin_client, document_editor, document
):
    """With the page cache on, the template page keeps linking the validated
    file while the new one waits, and links the new one once it is approved."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_PROXY_SECONDS = 600, 0
    cache.clear()
    page = TemplatePageFactory(title="Convention en cache", attachments=[document])
    visitor = type(client)()

    def current_link():
        html = soup(visitor.get(page.url))
        return html.select(".document a[download]")[0]["href"]

    assert current_link().startswith(f"/documents/{document.pk}/v1/")
    assert visitor.get(page.url)["X-Page-Cache"] == "hit"
    assert replace_file(document_editor, document, note="Clause 2").status_code == 302
    assert current_link().startswith(f"/documents/{document.pk}/v1/")
    pending = document.versions.get(pending=True)
    assert admin_client.post(review_url("approve", pending)).status_code == 302
    assert current_link().startswith(f"/documents/{document.pk}/v2/")
