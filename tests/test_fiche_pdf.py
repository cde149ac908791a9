"""Printable fiche (issue #16, item 6): « Télécharger la fiche (PDF) » renders a
practice in French or Arabic — Arabic shaped, in logical order, in an embedded
Arabic-capable font —, built by the background task, cached until the page
changes, and only for those who may read the page."""

import io
import re
import sys

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from practices.fiche_pdf import stored
from practices.fiche_pdf.tasks import build_fiche_pdf
from tests.factories import (
    HubImageFactory,
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

FRENCH_TITLE = "Budget participatif des jeunes"
ARABIC_TITLE = "الميزانية التشاركية للشباب"
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
GUIDE = "https://example.org/guide"
ARABIC = re.compile(r"[\u0600-\u06ff]")


def published(**fields):
    """A live practice with a live revision, as the admin publishes it."""
    page = PracticePageFactory(commune="tanger", **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def pdf_url(page):
    return page.url + "pdf/"


def downloaded(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


def text_and_fonts(pdf):
    """The first page's text, and the fonts that draw its Arabic letters."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    arabic_fonts = []

    def visit(text, cm, tm, font, size):
        if font is not None and ARABIC.search(text):
            arabic_fonts.append(font)

    return page.extract_text(visitor_text=visit), arabic_fonts


def embedded(font):
    """Whether a PDF font carries its glyphs (a Type 0 font's descendant's file)."""
    font = font.get_object()
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font["/FontDescriptor"].get_object()
    return any(f"/FontFile{n}" in descriptor for n in ("", "2", "3"))


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker, tmp_path_factory):
    """The French fiche and its Arabic translation, each downloaded once
    through the view and the (immediate) task; the data is rolled back."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            page = published(
                title=FRENCH_TITLE,
                summary="Les jeunes votent.",
                context=f'<p>Voir <a href="{GUIDE}">le guide</a>.</p>',
                year=2023,
                body=[("image", {"image": HubImageFactory(), "alt_text": "Vote"})],
                themes=["budget-participatif"],
            )
            arabic = translate(page, "ar", title=ARABIC_TITLE)
            client = Client()
            found = {
                "fr": downloaded(client.get(pdf_url(page))),
                "ar": downloaded(client.get(pdf_url(arabic))),
            }
            for built in (page, arabic):  # the S3 lane's bucket keeps nothing
                stored.delete_all_but(built.pk)
            transaction.set_rollback(True)
    return found


def test_the_french_pdf_holds_the_french_fiche(pdfs):
    text, _fonts = text_and_fonts(pdfs["fr"])
    assert FRENCH_TITLE in text
    assert "Les jeunes votent." in text
    assert f"<{GUIDE}>" in text  # a link's address, printed after it
    # The fiche's picture, read as the image view serves it to anyone.
    images = PdfReader(io.BytesIO(pdfs["fr"])).pages[0].images
    assert len(images) == 1
    # The print stylesheet: no site chrome, no download link.
    assert "Aller au contenu" not in text
    assert "Télécharger la fiche" not in text


def test_the_arabic_pdf_holds_the_title_in_logical_order_in_an_embedded_font(pdfs):
    text, fonts = text_and_fonts(pdfs["ar"])
    assert ARABIC_TITLE in text
    assert fonts, "no Arabic text drawn"
    assert all(embedded(font) for font in fonts)


def test_a_pdf_is_served_from_storage_until_the_page_changes():
    page = published(title="Marché solidaire")
    client = Client()
    first = downloaded(client.get(pdf_url(page)))
    name = stored.name_for(page)
    assert default_storage.exists(name)
    # Served as stored, not built again: what the storage holds comes back.
    with default_storage.open(name, "wb") as handle:
        handle.write(b"%PDF-1.7 kept")
    assert downloaded(client.get(pdf_url(page))) == b"%PDF-1.7 kept"

    page.title = "Marché solidaire et local"
    page.save_revision().publish()
    page.title = "Titre du brouillon"
    page.save_revision()  # a draft: never in the PDF
    page.refresh_from_db()
    rebuilt = downloaded(client.get(pdf_url(page)))
    assert rebuilt != first
    assert "Marché solidaire et local" in text_and_fonts(rebuilt)[0]
    assert "Titre du brouillon" not in text_and_fonts(rebuilt)[0]
    _folders, files = default_storage.listdir(stored.folder(page.pk))
    assert [f"{stored.folder(page.pk)}/{f}" for f in files] == [stored.name_for(page)]

    page.unpublish()
    assert default_storage.listdir(stored.folder(page.pk))[1] == []
    assert client.get(pdf_url(page)).status_code == 404


def test_with_a_worker_the_reader_waits_on_a_page_that_reloads(settings):
    """Production's database backend: the first request enqueues the build
    (once) and says the PDF is being prepared; once the worker has built it,
    the same address downloads it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = published(title="Fiche attendue")
    arabic = translate(page, "ar", title="بطاقة منتظرة")
    client = Client()
    waiting = client.get(pdf_url(arabic))
    assert waiting.status_code == 200
    assert waiting["Refresh"]
    assert "no-store" in waiting["Cache-Control"]
    assert "ملف PDF قيد الإعداد" in waiting.content.decode()
    client.get(pdf_url(arabic))
    queued = DBTaskResult.objects.filter(task_path__endswith="build_fiche_pdf")
    assert queued.count() == 1  # not enqueued again while it waits
    # The worker runs it (here at once, with the same arguments).
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE}}
    build_fiche_pdf.enqueue(*queued.get().args_kwargs["args"])
    assert "بطاقة منتظرة" in text_and_fonts(downloaded(client.get(pdf_url(arabic))))[0]


def test_a_partners_only_fiche_pdf_reaches_partners_only(django_user_model):
    page = published(title="Pratique des partenaires")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([role_group("partners")])
    anonymous = Client()
    refused = anonymous.get(pdf_url(page))
    assert refused.status_code == anonymous.get(page.url).status_code == 302
    assert "/compte/" in refused["Location"] or "login" in refused["Location"]

    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(role_group("partners"))
    partner = Client()
    partner.force_login(member)
    pdf = downloaded(partner.get(pdf_url(page)))
    assert "Pratique des partenaires" in text_and_fonts(pdf)[0]
    assert "private" in partner.get(pdf_url(page))["Cache-Control"]

    folder = stored.folder(page.pk)
    assert default_storage.listdir(folder)[1]
    page.delete()  # a deleted fiche keeps no PDF either
    assert default_storage.listdir(folder)[1] == []


def test_without_pango_the_fiche_says_the_pdf_is_unavailable(monkeypatch):
    """WeasyPrint cannot be imported (as without Pango): no 500, a clear word."""
    page = published(title="Sans moteur")
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    client = Client()
    fiche = client.get(page.url).content.decode()
    assert "Le PDF de la fiche n'est pas disponible" in fiche
    assert "Télécharger la fiche (PDF)" not in fiche
    answer = client.get(pdf_url(page))
    assert answer.status_code == 503
    assert "PDF indisponible" in answer.content.decode()


def test_the_fiche_links_its_pdf_in_both_languages():
    page = published(title="Lien vers le PDF")
    arabic = translate(page, "ar", title="رابط")
    client = Client()
    assert "Télécharger la fiche (PDF)" in client.get(page.url).content.decode()
    assert "تنزيل البطاقة (PDF)" in client.get(arabic.url).content.decode()
