"""Every public page weighs at most 200 KB on a first visit, in both languages,
and loads nothing from another host.

Agents open the hub on slow, metered mobile connections. The weight of a page is
what a first visit transfers: the HTML gzip-compressed (as the server sends it),
plus every stylesheet, script, image and font it references, each fetched
through the test client — text assets counted gzip-compressed too, as WhiteNoise
serves them in production. For a responsive image the largest candidate counts
(a browser downloads one, which depends on the screen), lazy ones included.
Documents are downloads, not page weight; their thumbnails are counted.
"""

import gzip
import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageFilter
from reportlab.pdfgen import canvas
from wagtail.rich_text import RichText

from tests import upload_corpus as corpus
from tests.factories import (
    HubDocumentFactory,
    HubImageFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)

pytestmark = pytest.mark.django_db

BUDGET = 200 * 1024
SAME_ORIGIN = {"", "testserver"}
TEXT_TYPES = ("text/", "application/javascript", "image/svg+xml", "application/json")
# <link rel> values a browser fetches while loading the page ("alternate" and
# "canonical" are other pages, not assets).
FETCHED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)""")

PARAGRAPH = (
    "La commune a réuni les associations du quartier, les services sociaux et "
    "les jeunes pour définir ensemble les priorités du budget participatif ; "
    "chaque proposition a été présentée en assemblée puis soumise au vote. "
)
ARABIC = "جمعت الجماعة جمعيات الحي والمصالح الاجتماعية والشباب لتحديد الأولويات. "


@pytest.fixture(autouse=True)
def assets_served(settings, monkeypatch, isolated_media_root):  # noqa: F811
    """Static files through WhiteNoise's finders (no collectstatic in tests), images
    from this test's MEDIA_ROOT (read per request); no
    renditions cached by an earlier test, whose files are gone."""
    for cache in caches.all():
        cache.clear()
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def photo(width=1600, height=1067):
    """A JPEG that compresses like a photograph (smooth shapes, some grain), at
    the size a phone sends."""
    channels = [
        Image.effect_noise((width // 40, height // 40), 90)
        .resize((width, height), Image.Resampling.BICUBIC)
        .filter(ImageFilter.GaussianBlur(6))
        for _ in range(3)
    ]
    image = Image.merge("RGB", channels)
    grain = Image.effect_noise((width, height), 12).convert("RGB")
    image = Image.blend(image, grain, 0.15)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def narrative(text, image):
    return [
        ("heading", "Diagnostic partagé"),
        ("paragraph", RichText(f"<p>{text * 4}</p>" * 3)),
        (
            "image",
            {"image": image, "alt_text": "Réunion publique", "decorative": False},
        ),
        ("step", {"title": "Assemblée", "period": "2021", "description": text * 2}),
        ("testimony", {"quote": text, "author": "Une habitante"}),
    ]


def report_pdf(title, pages=3):
    """Pages of body text under a title, like a guide or a convention."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=True)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 770, f"{title} — {number}")
        pdf.setFont("Helvetica", 10)
        for line in range(52):
            pdf.drawString(72, 740 - line * 13, PARAGRAPH[line % 40 :][:95])
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def documents():
    """A three-page PDF replaced once (two versions), a DOCX and an XLSX."""
    pdf = HubDocumentFactory(
        title="Guide du budget participatif",
        file__data=report_pdf("Guide du budget participatif"),
    )
    pdf.file = ContentFile(report_pdf("Guide révisé", pages=4), name="guide-2.pdf")
    pdf.save()
    docx = HubDocumentFactory(
        title="Convention type",
        file__filename="convention.docx",
        file__data=corpus.good_docx(PARAGRAPH * 5),
    )
    xlsx = HubDocumentFactory(
        title="Budget prévisionnel",
        file__filename="budget.xlsx",
        file__data=corpus.good_xlsx([("salle", 1200), ("transport", 800)] * 20),
    )
    return [pdf, docx, xlsx]


@pytest.fixture
def site_content():
    """A full index page of practices and the detail pages measured, each with
    an image, attachments (thumbnails) and related pages, translated."""
    image = HubImageFactory(file=ImageFile(io.BytesIO(photo()), name="reunion.jpg"))
    attached = documents()
    practices = [
        PracticePageFactory(
            title=f"Budget participatif des jeunes {n}",
            commune="tanger",
            themes=["budget-participatif", "participation-citoyenne"],
            target_publics=["women", "youth"],
            tags=["budget", "jeunesse"],
            context=f"<p>{PARAGRAPH * 3}</p>",
            body=narrative(PARAGRAPH, image),
            attachments=attached,
            year=2021,
        )
        for n in range(14)
    ]
    template = TemplatePageFactory(
        title="Convention de partenariat",
        kind="call-for-projects",
        body=narrative(PARAGRAPH, image),
        attachments=attached,
    )
    template.related_practices.add(*practices[:3])
    template.save()
    training = TrainingPageFactory(
        title="Animer un budget participatif",
        objectives=f"<p>{PARAGRAPH}</p>",
        audience="Élus, agents des services sociaux",
        sessions=[
            (
                "session",
                {"title": f"Séance {n}", "duration": "2 h", "description": PARAGRAPH},
            )
            for n in range(1, 5)
        ],
        body=narrative(PARAGRAPH, image),
        attachments=attached,
        video_url="https://videos.example.org/budget-participatif.mp4",
    )
    training.related_practices.add(*practices[:2])
    training.related_templates.add(template)
    training.save()
    pages = {"practice": practices[0], "template": template, "training": training}
    translations = {
        kind: translate(page, title=f"الميزانية التشاركية {kind}")
        for kind, page in pages.items()
    }
    for practice in practices[1:12]:
        translate(practice, title=f"الميزانية التشاركية {practice.pk}")
    return {"fr": pages, "ar": translations}


def page_urls(content, language):
    query = "budget" if language == "fr" else "الميزانية"
    return {
        "home": f"/{language}/",
        "practice index": f"/{language}/pratiques/",
        "practice": content[language]["practice"].url,
        "template index": f"/{language}/modeles/",
        "template": content[language]["template"].url,
        "training": content[language]["training"].url,
        "search": f"/{language}/search/?q={query}",
    }


def assert_same_origin(url, where):
    parts = urlsplit(url)
    if parts.scheme == "data":
        return
    assert parts.netloc in SAME_ORIGIN, f"{where} loads {url} from another host"


def candidates(srcset):
    return [item.split()[0] for item in srcset.split(",") if item.strip()]


def asset_groups(html, page_url):
    """Lists of URLs a browser may fetch for the page; from each list (the
    candidates of one image) it fetches one."""
    soup = BeautifulSoup(html, "html.parser")
    groups = []
    for link in soup.select("link[href]"):
        # A canonical or alternate address is named, not fetched: it is the
        # Wagtail site's, whatever host the test client calls itself.
        if FETCHED_RELS & set(link.get("rel", [])):
            assert_same_origin(link["href"], page_url)
            groups.append([link["href"]])
    for script in soup.select("script[src]"):
        assert_same_origin(script["src"], page_url)
        groups.append([script["src"]])
    for image in soup.select("img"):
        sources = [image] + (
            image.parent.select("source") if image.parent.name == "picture" else []
        )
        urls = [image["src"]] + [
            url for source in sources for url in candidates(source.get("srcset", ""))
        ]
        for url in urls:
            assert_same_origin(url, page_url)
        groups.append([url for url in urls if not url.startswith("data:")])
    return [[urljoin(page_url, url) for url in group] for group in groups if group]


def transferred(response, content):
    """Bytes on the wire: text gzip-compressed, binary as it is."""
    if response["Content-Type"].startswith(TEXT_TYPES):
        return len(gzip.compress(content, compresslevel=6))
    return len(content)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return response, content


def asset_weight(client, url, seen):
    """Weight of one asset, plus what a stylesheet loads in turn (fonts,
    images, imports); each URL counted once per page, as browsers cache."""
    if url in seen:
        return 0
    seen.add(url)
    response, content = fetch(client, url)
    weight = transferred(response, content)
    if response["Content-Type"].startswith("text/css"):
        for match in CSS_URL.finditer(content.decode()):
            nested = match.group(1) or match.group(2)
            assert_same_origin(nested, url)
            if not nested.startswith("data:"):
                weight += asset_weight(client, urljoin(url, nested), seen)
    return weight


def page_weight(client, url):
    response, html = fetch(client, url)
    weight = transferred(response, html)
    seen = set()
    for group in asset_groups(html.decode(), url):
        weight += max(asset_weight(client, asset, seen) for asset in group)
    return weight


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_pages_weigh_at_most_200_kb(client, site_content, language, record_property):
    """Home, practice index and fiche, template index and page, training page
    and search results, each ≤ 200 KB transferred on a first visit."""
    weights = {
        name: page_weight(client, url)
        for name, url in page_urls(site_content, language).items()
    }
    record_property("weights", weights)
    too_heavy = {name: w for name, w in weights.items() if w > BUDGET}
    assert not too_heavy, f"over {BUDGET} bytes: {too_heavy} (all: {weights})"


def test_detail_pages_show_what_is_measured(client, site_content):
    """The measure is meaningful: the pages do carry a responsive image, PDF
    thumbnails and a stylesheet."""
    html = BeautifulSoup(
        client.get(site_content["fr"]["template"].url).content.decode(), "html.parser"
    )
    picture = html.select_one("picture")
    assert picture and picture.select("source[type='image/webp'], source[srcset]")
    assert picture.img["loading"] == "lazy" and picture.img.get("sizes")
    assert html.select("img.document-thumbnail")
    assert html.select('link[rel="stylesheet"]')
