"""The Wagtail admin, as a superuser, refuses the generated bad files in every
upload view (documents and images: single, multiple, edit) and stores nothing;
good files are accepted and their text extracted; downloads carry safe headers."""

import json
import posixpath

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection, UploadedFile

from documents.models import HubDocument, HubImage
from tests import upload_corpus as corpus
from tests.factories import TemplatePageFactory
from tests.stored_media import stored_names

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root):
    """The names of the files stored (on this test's MEDIA_ROOT, or on S3)."""
    return sorted(posixpath.basename(name) for name in stored_names())


def assert_nothing_stored(media_root):
    assert not HubDocument.objects.exists()
    assert not HubImage.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media_root) == []


# name, how to make it (from tmp_path), words of the refusal message
BAD_DOCUMENTS = {
    "elf-renamed.pdf": (lambda tmp: corpus.elf_executable(), "programme exécutable"),
    "pe-renamed.pdf": (lambda tmp: corpus.pe_executable(), "programme exécutable"),
    "x.pdf.exe": (lambda tmp: corpus.pe_executable(), "« .exe »"),
    "html-renamed.pdf": (lambda tmp: corpus.html_page(), "page web (HTML)"),
    "svg-renamed.pdf": (lambda tmp: corpus.svg_with_script(), "SVG sont refusées"),
    "macro.docx": (lambda tmp: corpus.macro_docx(), "contient des macros"),
    "bomb.docx": (
        lambda tmp: corpus.zip_bomb_docx(tmp / "bomb.docx").read_bytes(),
        "anormalement grand",
    ),
    "encrypted.docx": (lambda tmp: corpus.encrypted_zip_docx(), "mot de passe"),
    "empty.pdf": (lambda tmp: b"", "Le fichier est vide."),
    "big.pdf": (
        lambda tmp: corpus.oversized_pdf(tmp / "big.pdf").read_bytes(),
        "trop volumineux",
    ),
}
BAD_IMAGES = {
    "script.svg": (corpus.svg_with_script, "SVG sont refusées"),
    "script-renamed.png": (corpus.svg_with_script, "SVG sont refusées"),
    "bomb.png": (corpus.bomb_png, "trop grande"),
    "elf-renamed.png": (corpus.elf_executable, "programme exécutable"),
    "png-renamed.jpg": (corpus.good_png, "ne correspond pas"),
}


@pytest.fixture(params=list(BAD_DOCUMENTS))
def bad_document(request, tmp_path):
    """(upload, words): each bad document, built outside MEDIA_ROOT."""
    make, words = BAD_DOCUMENTS[request.param]
    return SimpleUploadedFile(request.param, make(tmp_path)), words


@pytest.fixture(params=list(BAD_IMAGES))
def bad_image(request):
    make, words = BAD_IMAGES[request.param]
    return SimpleUploadedFile(request.param, make()), words


def post_single(client, url_name, upload, **fields):
    # There are several collections (one per commune): the form asks for one.
    fields.setdefault("collection", Collection.get_first_root_node().pk)
    return client.post(
        reverse(url_name),
        {"title": "Essai", "language": "fr", "file": upload, **fields},
    )


def test_single_document_upload_refuses(admin_client, media_root, bad_document):
    """wagtaildocs:add shows the reason on the file field and stores nothing."""
    upload, words = bad_document
    response = post_single(admin_client, "wagtaildocs:add", upload)
    assert response.status_code == 200
    assert any(words in error for error in response.context["form"].errors["file"])
    assert words in response.content.decode()
    assert_nothing_stored(media_root)


def test_multiple_document_upload_refuses(admin_client, media_root, bad_document):
    """wagtaildocs:add_multiple answers success=false with the reason, and keeps
    no UploadedFile either."""
    upload, words = bad_document
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload, "collection": Collection.get_first_root_node().pk},
    )
    answer = json.loads(response.content)
    assert answer["success"] is False and words in answer["error_message"]
    assert_nothing_stored(media_root)


def test_edit_refuses_a_bad_replacement_file(admin_client, media_root, bad_document):
    """Replacing a document's file with a bad one keeps the old file, and only it."""
    document = HubDocument(title="Guide")
    document.file = ContentFile(corpus.good_pdf("Guide"), name="guide.pdf")
    document.save()
    upload, words = bad_document
    url = reverse("wagtaildocs:edit", args=[document.pk])
    response = admin_client.post(
        url, {"title": "Guide", "language": "fr", "file": upload}
    )
    assert response.status_code == 200
    assert any(words in error for error in response.context["form"].errors["file"])
    document.refresh_from_db()
    assert document.file.name == "documents/guide.pdf"
    assert document.extracted_text == "Guide"
    assert stored_files(media_root) == ["guide.pdf"]


def test_single_image_upload_refuses(admin_client, media_root, bad_image):
    """wagtailimages:add refuses SVG (even renamed), bombs, programs, type
    mismatches, with our message, before Willow opens the file."""
    upload, words = bad_image
    response = post_single(admin_client, "wagtailimages:add", upload)
    assert response.status_code == 200
    assert any(words in error for error in response.context["form"].errors["file"])
    assert_nothing_stored(media_root)


def test_multiple_image_upload_refuses(admin_client, media_root, bad_image):
    upload, words = bad_image
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload}
    )
    answer = json.loads(response.content)
    assert answer["success"] is False and words in answer["error_message"]
    assert_nothing_stored(media_root)


GOOD_DOCUMENTS = {
    "budget.pdf": (lambda: corpus.good_pdf("Budget prévisionnel", "Annexe"), "Annexe"),
    "convention.docx": (lambda: corpus.good_docx("اتفاقية الشراكة"), "اتفاقية الشراكة"),
    "guide.odt": (lambda: corpus.good_odt("Guide", "Étapes"), "Étapes"),
    "budget.xlsx": (lambda: corpus.good_xlsx([("salle", 1200)]), "salle\t1200"),
}


@pytest.mark.parametrize("name", list(GOOD_DOCUMENTS))
def test_good_document_is_stored_with_its_text(admin_client, media_root, name):
    """Real PDF, DOCX (Arabic), ODT and XLSX files are accepted by wagtaildocs:add
    and their text is extracted on save."""
    make, text = GOOD_DOCUMENTS[name]
    response = post_single(
        admin_client, "wagtaildocs:add", SimpleUploadedFile(name, make())
    )
    assert response.status_code == 302
    document = HubDocument.objects.get()
    assert text in document.extracted_text
    assert document.extraction_problem == "" and len(document.checksum) == 64
    assert document.page_count == (2 if name.endswith(".pdf") else None)
    assert stored_files(media_root) == [name]


def test_multiple_upload_of_a_good_document_ends_with_its_text(admin_client):
    """The multiple uploader keeps a valid file aside until its edit form (our
    required language field) is sent, then stores the document with its text."""
    upload = SimpleUploadedFile("note.docx", corpus.good_docx("Compte rendu"))
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload, "collection": Collection.get_first_root_node().pk},
    )
    answer = json.loads(response.content)
    assert answer["success"] is True
    upload_id = answer["uploaded_file_id"]
    prefix = f"uploaded-document-{upload_id}"
    url = reverse(
        "wagtaildocs:create_multiple_from_uploaded_document", args=[upload_id]
    )
    response = admin_client.post(
        url,
        {
            f"{prefix}-title": "Note",
            f"{prefix}-language": "fr",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
        },
    )
    assert json.loads(response.content)["success"] is True
    assert HubDocument.objects.get().extracted_text == "Compte rendu"


def test_good_image_is_stored(admin_client, media_root):
    """A real PNG passes wagtailimages:add."""
    upload = SimpleUploadedFile("photo.png", corpus.good_png())
    response = post_single(
        admin_client, "wagtailimages:add", upload, description="Une photo"
    )
    assert response.status_code == 302
    assert HubImage.objects.get().file.name == "original_images/photo.png"


def test_corrupt_pdf_is_stored_and_flagged_to_editors(admin_client):
    """A damaged but genuine PDF is accepted (it is the editor's document), with
    empty text and the problem shown in its edit view."""
    upload = SimpleUploadedFile("abime.pdf", corpus.corrupt_pdf())
    assert post_single(admin_client, "wagtaildocs:add", upload).status_code == 302
    document = HubDocument.objects.get()
    assert document.extracted_text == "" and "endommagé" in document.extraction_problem
    page = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    html = page.content.decode()
    assert "Texte non extrait" in html and "endommagé ou illisible" in html


def test_uploaded_name_is_sanitised(admin_client, media_root):
    """A right-to-left override cannot disguise the stored name."""
    upload = SimpleUploadedFile("rapport\u202etxt.pdf", corpus.good_pdf("x", "y"))
    post_single(admin_client, "wagtaildocs:add", upload)
    assert stored_files(media_root) == ["rapporttxt.pdf"]


def test_download_is_an_attachment_that_browsers_must_not_sniff(client):
    """Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD = "serve_view") sends
    Content-Disposition: attachment and X-Content-Type-Options: nosniff."""
    document = HubDocument(title="Guide")
    document.file = ContentFile(corpus.good_pdf("Guide"), name="guide.pdf")
    document.save()
    TemplatePageFactory(attachments=[document])  # published: served to visitors
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
