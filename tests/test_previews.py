"""What template and training pages show before a download — PDF thumbnails,
Office icons, the first lines of text — and beside it: related pages and the
training video, which falls back to a plain link without network."""

import io

import pytest
import requests
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from documents import previews
from documents.models import DocumentThumbnail
from practices import videos
from tests import upload_corpus as corpus
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def busy_pdf():
    """An A4 page filled with small text, a table-like grid and a dark band:
    the hardest kind of page to keep small."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.rect(0, 780, 595, 62, fill=1)
    for row in range(70):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(
            40, 760 - row * 10.5, f"Ligne {row} — budget {row * 1234} MAD " * 3
        )
        pdf.line(30, 757 - row * 10.5, 565, 757 - row * 10.5)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_thumbnail_is_a_small_webp(client):
    """Saving a reportlab PDF draws its first page as a WebP about 240 px wide,
    at most 20 KB, served with long caching and nosniff."""
    document = HubDocumentFactory(file__data=busy_pdf())
    TemplatePageFactory(attachments=[document])  # published: public thumbnail
    thumbnail = DocumentThumbnail.objects.get(document=document)
    data = bytes(thumbnail.webp)
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert len(data) <= 20 * 1024
    image = Image.open(io.BytesIO(data))
    assert image.format == "WEBP"
    width, height = image.size
    assert width == 240 and abs(height - 240 * 2**0.5) <= 1  # A4 proportions
    assert image.size == (document.thumbnail_width, document.thumbnail_height)
    response = client.get(document.thumbnail_url)
    assert response.status_code == 200 and response.content == data
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]


def test_thumbnail_url_follows_the_file(client):
    """A thumbnail URL names the file's checksum: once the file changes, the old
    URL is gone rather than serving another picture under a cached address."""
    document = HubDocumentFactory()
    TemplatePageFactory(attachments=[document])  # published: public thumbnail
    old_url = document.thumbnail_url
    document.file = ContentFile(corpus.good_pdf("Nouvelle version"), name="v2.pdf")
    document.save()
    assert document.thumbnail_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(document.thumbnail_url).status_code == 200


def test_template_page_shows_the_preview_before_download(client):
    """Thumbnail (lazy, sized, described), format, size, language and page count,
    then the first lines of the text in a closed <details>."""
    text = "Convention de partenariat entre la commune et l'association"
    document = HubDocumentFactory(
        title="Convention", language="ar", file__data=corpus.good_pdf(text, "Suite")
    )
    page = TemplatePageFactory(attachments=[document])
    item = soup(client.get(page.url)).select_one("li.document")
    image = item.select_one("img.document-thumbnail")
    assert image["src"] == document.thumbnail_url
    assert image["loading"] == "lazy"
    assert (image["width"], image["height"]) == ("240", "340")
    assert image["alt"] == "Première page de « Convention »"
    meta = item.select_one(".meta").get_text(" ", strip=True)
    for expected in ("PDF", "Kio", "Document en arabe", "2 pages", "0 téléchargement"):
        assert expected in meta
    excerpt = item.select_one("details.document-excerpt")
    assert "open" not in excerpt.attrs
    assert excerpt.p.get_text().startswith(text)
    assert excerpt.p["lang"] == "ar"


@pytest.mark.parametrize(
    ("name", "make", "family"),
    [
        ("budget.xlsx", lambda: corpus.good_xlsx([("salle", 1200)]), "sheet"),
        ("convention.docx", lambda: corpus.good_docx("Article 1"), "text"),
        ("guide.odt", lambda: corpus.good_odt("Guide", "Étapes"), "text"),
    ],
)
def test_office_files_show_a_typed_icon(client, name, make, family):
    """No converter: Office files get no thumbnail but an inline SVG icon of
    their family, labelled with their format (no extra request)."""
    document = HubDocumentFactory(file__filename=name, file__data=make())
    assert document.thumbnail_width is None
    assert not DocumentThumbnail.objects.exists()
    page = TrainingPageFactory(attachments=[document])
    item = soup(client.get(page.url)).select_one("li.document")
    icon = item.select_one("svg.document-icon")
    assert f"document-icon-{family}" in icon["class"]
    assert icon.find("text").get_text() == name.rsplit(".", 1)[1].upper()
    assert not item.select("img")


def test_a_damaged_pdf_is_kept_without_thumbnail():
    """PDFium cannot draw it: no thumbnail, no error, the upload stands."""
    document = HubDocumentFactory(file__data=corpus.corrupt_pdf())
    assert document.pk and document.thumbnail_width is None
    assert document.thumbnail_url == ""


def test_replacing_a_pdf_by_an_office_file_drops_the_thumbnail():
    document = HubDocumentFactory()
    assert DocumentThumbnail.objects.filter(document=document).exists()
    document.file = ContentFile(corpus.good_docx("Texte"), name="texte.docx")
    document.save()
    assert not DocumentThumbnail.objects.filter(document=document).exists()
    assert document.thumbnail_width is None


def test_excerpt_cuts_at_a_word():
    text = "mot " * 200
    cut = previews.excerpt(text)
    assert len(cut) <= previews.EXCERPT_LENGTH + 1 and cut.endswith("mot…")
    assert previews.excerpt("  court\n texte ") == "court texte"


# Related pages -------------------------------------------------------------


def test_template_page_links_its_related_practices(client):
    practice = PracticePageFactory(title="Budget participatif des jeunes")
    draft = PracticePageFactory(title="Brouillon", live=False)
    template = TemplatePageFactory(title="Convention")
    template.related_practices.add(practice, draft)
    template.save()
    section = soup(client.get(template.url)).find("h2", string="Pratiques liées")
    links = section.find_next("ul").select("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Budget participatif des jeunes", practice.url)
    ]


def test_training_page_links_templates_and_practices_in_its_language(client):
    """Links of a translated training page lead to the translations of the
    related pages (wagtail-localize copies the links to the French pages)."""
    practice = PracticePageFactory(title="Accueil des migrants")
    practice_ar = translate(practice, title="استقبال المهاجرين")
    template = TemplatePageFactory(title="Fiche d'accueil")
    training = TrainingPageFactory(title="Accueillir")
    training.related_practices.add(practice)
    training.related_templates.add(template)
    training.save()
    french = soup(client.get(training.url))
    assert french.find("a", string="Fiche d'accueil")["href"] == template.url
    assert french.find("a", string="Accueil des migrants")["href"] == practice.url
    arabic = soup(client.get(translate(training, title="الاستقبال").url))
    link = arabic.find("a", string="استقبال المهاجرين")
    assert link["href"] == practice_ar.url and not link.has_attr("lang")
    untranslated = arabic.find("a", string="Fiche d'accueil")
    assert untranslated["href"] == template.url and untranslated["lang"] == "fr"


# Training video ------------------------------------------------------------

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture(autouse=True)
def forget_failed_embeds():
    """Failed lookups are remembered in the cache: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def offline(monkeypatch):
    """Every oEmbed request fails as it does here, without network."""

    def no_network(*args, **kwargs):
        raise requests.ConnectionError("no network")

    monkeypatch.setattr("wagtail.embeds.finders.oembed.requests.get", no_network)


def video_section(client, url):
    training = TrainingPageFactory(video_url=url)
    return soup(client.get(training.url)).select_one("section.video")


def test_video_without_network_is_a_plain_link(client, offline):
    """The provider is known but unreachable: a link, no player, no error."""
    section = video_section(client, YOUTUBE)
    assert section.select_one("a")["href"] == YOUTUBE
    assert not section.select("iframe")


def test_video_of_an_unknown_provider_is_not_looked_up(client, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("no lookup for a provider that is not allowed")

    monkeypatch.setattr(videos, "get_embed", fail)
    section = video_section(client, "https://videos.example.org/formation.mp4")
    assert section.select_one("a")["href"].endswith("formation.mp4")


def test_video_of_an_allowed_provider_is_embedded_closed_and_lazy(client, monkeypatch):
    """With the embed found, the player sits in a closed <details>, lazily
    loaded, and the link stays for those who prefer the provider's site."""

    class Found:
        type = "video"
        html = '<iframe src="https://www.youtube.com/embed/x"></iframe>'

    monkeypatch.setattr(videos, "get_embed", lambda url: Found)
    section = video_section(client, YOUTUBE)
    iframe = section.select_one("details iframe")
    assert iframe["loading"] == "lazy"
    assert "open" not in section.details.attrs
    assert section.select("p a")[0]["href"] == YOUTUBE
