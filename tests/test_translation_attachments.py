"""A fiche's documents show on every translation of it (issue #13), each
labelled with its language; a private document stays hidden from those who may
not download it, and a document attached only to a translation the viewer may
not see is not shown at all."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Collection

from hub import keys
from practices.publishing.roles import PARTNERS_KEY
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    translate,
)
from tests.test_private_content import restrict
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db


def documents(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    section = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        (
            link.get_text(strip=True),
            link.get("hreflang"),
            link.find_parent("li").select_one(".document-language").get_text(),
        )
        for link in section.select("ul.attachments a[download]")
    ], response.content.decode()


@pytest.fixture
def private_document():
    """A document of the "Membres partenaires" collection (ensure_roles)."""
    return HubDocumentFactory(
        title="Convention secrète", collection=keys.get(Collection, PARTNERS_KEY)
    )


@pytest.fixture
def guide():
    return HubDocumentFactory(title="Guide du budget participatif", language="fr")


def test_arabic_version_lists_the_french_documents_labelled(client, guide):
    practice = PracticePageFactory(attachments=[guide])
    arabic = translate(practice)
    arabic.attachments.all().delete()  # as a translation without attachments
    found, _html = documents(client, arabic)
    assert found == [("Guide du budget participatif", "fr", "وثيقة بالفرنسية")]


def test_own_and_source_documents_each_once(client, guide):
    dalil = HubDocumentFactory(title="دليل الميزانية التشاركية", language="ar")
    practice = PracticePageFactory(attachments=[guide])
    arabic = translate(practice)  # copies the attachment to the same document
    arabic.attachments.create(document=dalil, sort_order=5)
    arabic.save_revision().publish()
    found, _html = documents(client, arabic)
    assert found == [
        ("Guide du budget participatif", "fr", "وثيقة بالفرنسية"),
        ("دليل الميزانية التشاركية", "ar", "وثيقة بالعربية"),
    ]
    # And the French original shows the Arabic document too, labelled.
    found, _html = documents(client, practice)
    assert found == [
        ("Guide du budget participatif", "fr", "Document en français"),
        ("دليل الميزانية التشاركية", "ar", "Document en arabe"),
    ]


def test_template_translation_lists_the_source_downloads(client, guide):
    template = TemplatePageFactory(attachments=[guide])
    arabic = translate(template)
    arabic.attachments.all().delete()
    response = client.get(arabic.url)
    page = BeautifulSoup(response.content.decode(), "html.parser")
    link = page.select_one("a.document-link")
    assert (link.get_text(strip=True), link["hreflang"]) == (
        "Guide du budget participatif",
        "fr",
    )
    assert "وثيقة بالفرنسية" in response.content.decode()


def test_private_source_document_stays_hidden_from_anonymous(client, private_document):
    practice = PracticePageFactory(attachments=[private_document])
    arabic = translate(practice)
    arabic.attachments.all().delete()
    found, html = documents(client, arabic)
    assert found == []
    assert "Convention secrète" not in html
    assert "الوثيقة" in html or "document-private" in html  # shown as reserved


def test_documents_of_a_translation_the_viewer_may_not_see(client, guide):
    """A French original reserved to partners: its documents are not listed on
    the public Arabic version to an anonymous visitor."""
    practice = PracticePageFactory(attachments=[guide])
    arabic = translate(practice)
    arabic.attachments.all().delete()
    restrict(practice, role_group("partners"))
    found, html = documents(client, arabic)
    assert found == []
    assert "Guide du budget participatif" not in html
