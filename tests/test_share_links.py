"""Sharing a fiche without third-party scripts: « Copier le lien » (the page's
address; a same-origin script makes it a copy button) and « Envoyer par
e-mail » (a mailto: link with the title and address, percent-encoded)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from practices.share_links import mailto
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)

pytestmark = pytest.mark.django_db


def mail_fields(href):
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert "+" not in parts.query  # spaces are %20: mail apps show a + as is
    return {k: v[0] for k, v in parse_qs(parts.query).items()}


@pytest.mark.parametrize(
    "factory", [PracticePageFactory, TemplatePageFactory, TrainingPageFactory]
)
def test_detail_pages_have_copy_and_email_links(client, factory):
    page = factory(title="Budget des jeunes & co")
    html = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    links = html.select_one("section.share-links")
    address = f"http://testserver{page.url}"
    copy = links.select_one("a[data-copy-link]")
    assert copy["href"] == address  # works without JavaScript
    assert copy.get_text() == "Copier le lien"
    email = links.find("a", string="Envoyer par e-mail")
    assert mail_fields(email["href"]) == {
        "subject": "Budget des jeunes & co",
        "body": f"Budget des jeunes & co\n{address}",
    }
    script = html.find("script", src=lambda s: s and s.endswith("copy_link.js"))
    assert script and script["src"].startswith("/static/")  # same origin


def test_arabic_title_survives_the_mailto_link(client):
    page = PracticePageFactory(language="ar", title="ميزانية الشباب التشاركية")
    html = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    email = html.find("a", string="إرسال عبر البريد الإلكتروني")
    fields = mail_fields(email["href"])
    assert fields["subject"] == "ميزانية الشباب التشاركية"
    assert fields["body"].endswith(page.url)
    assert html.select_one("a[data-copy-link]").get_text() == "نسخ الرابط"


def test_mailto_encodes_everything_that_would_break_the_link():
    href = mailto("A&B ?=#%", "https://x.ma/fr/p/?a=1&b=2")
    assert href.startswith("mailto:?subject=A%26B%20%3F%3D%23%25&body=")
    assert mail_fields(href)["body"] == "A&B ?=#%\nhttps://x.ma/fr/p/?a=1&b=2"
