"""Every public page has a meta description (hub/templatetags/page_meta.py):
the editor's, else the fiche's summary, else the index's introduction, else
the hub's own sentence — in the reader's language."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import PracticePageFactory, translate

pytestmark = pytest.mark.django_db


def description(client, url):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    tags = soup.find_all("meta", attrs={"name": "description"})
    assert len(tags) == 1
    return tags[0]["content"]


def test_the_summary_describes_a_fiche(client):
    practice = PracticePageFactory(summary="Un budget que les jeunes votent. " * 9)
    text = description(client, practice.url)
    assert text.startswith("Un budget que les jeunes votent.")
    assert len(text) <= 160


def test_the_editor_s_description_comes_first(client):
    practice = PracticePageFactory(
        summary="Le résumé.", search_description="Ce que l'éditeur a écrit."
    )
    assert description(client, practice.url) == "Ce que l'éditeur a écrit."


def test_pages_without_text_have_the_hub_s_sentence_in_their_language(client):
    assert "coopération intercommunale" in description(client, "/fr/search/")
    assert "للتعاون بين الجماعات" in description(client, "/ar/search/")


def test_an_arabic_fiche_is_described_in_arabic(client):
    practice = PracticePageFactory(summary="Résumé en français.")
    arabic = translate(practice, "ar")
    arabic.summary = "ملخص بالعربية."
    arabic.save_revision().publish()
    assert description(client, arabic.url) == "ملخص بالعربية."
