"""« Vouliez-vous dire… » (issue #17, item 3): a misspelt query with few or no
results gets a suggestion made from the words of the public pages (edit distance
at most 2, French and Arabic), never a word that only private pages hold."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from search.facets import bump_version
from search.spelling import distance, suggest
from tests.test_private_content import restrict
from tests.test_search_glossary import fresh_indexes  # noqa: F401
from tests.test_search_page import html, make_page
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db


def did_you_mean(response):
    found = BeautifulSoup(html(response), "html.parser").select_one(".did-you-mean")
    if found is None:
        return None
    return found.get_text(" ", strip=True), found.a["href"]


@pytest.fixture
def pages():
    make_page("Budget participatif des jeunes", summary="Tanger, Beni Makada.")
    make_page("Alphabétisation des femmes rurales", summary="Cours du soir.")
    make_page("الميزانية التشاركية للشباب", language="ar", summary="طنجة")


def test_distance_counts_edits_and_transpositions():
    assert distance("budget", "budjet") == 1
    assert distance("participatif", "particiaptif") == 1  # transposition
    assert distance("alphabetisation", "alfabetisation") == 2
    assert distance("budget", "jeunes") > 2


@pytest.mark.parametrize(
    ("language", "query", "expected", "link"),
    [
        ("fr", "budjet particpatif", "Vouliez-vous dire budget participatif ?", ""),
        ("fr", "Alfabétisation", "Vouliez-vous dire alphabétisation ?", ""),
        ("fr", "l'alfabétisation", "Vouliez-vous dire l'alphabétisation ?", ""),
        ("ar", "الميزانبة", "هل تقصدون الميزانية ؟", "الميزانية"),
    ],
)
@pytest.mark.usefixtures("pages")
def test_a_misspelt_query_gets_a_suggestion(client, language, query, expected, link):
    """French and Arabic; two edits at most (f for ph is two)."""
    response = client.get(f"/{language}/search/", {"q": query})
    text, href = did_you_mean(response)
    assert text == expected
    suggested = parse_qs(urlsplit(href).query)["q"]
    assert suggested == [link or expected.split(" ", 2)[2].removesuffix(" ?")]


@pytest.mark.usefixtures("pages")
def test_no_suggestion_when_the_query_finds_enough(client):
    for title in ("Budget communal", "Budget des écoles", "Budget annuel"):
        make_page(title)
    assert did_you_mean(client.get("/fr/search/", {"q": "budget"})) is None
    assert suggest("budget jeunes") == ""  # every word is known


def test_never_a_word_only_private_pages_hold(client):
    make_page("Budget participatif des jeunes")
    secret = make_page("Dossier confidentialissime")
    restrict(secret, role_group("partners"))
    bump_version()
    assert suggest("confidentialisime") == ""
    assert did_you_mean(client.get("/fr/search/", {"q": "confidentialisime"})) is None
