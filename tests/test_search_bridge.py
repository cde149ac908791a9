"""The search page as a bridge between the languages (issue #13): a query in
Arabic letters typed in the French interface finds the Arabic fiches (and the
reverse), and a search that finds nothing in its own language searches every
language through the glossary — each result labelled with its language;
« Aucun résultat » only when both are empty. The JSON API keeps its explicit
``lang`` (an API client chooses)."""

import pytest
from bs4 import BeautifulSoup

from search.facets import bump_version
from search.script import language_of
from tests.test_private_content import restrict
from tests.test_search_glossary import fresh_indexes, loaded  # noqa: F401
from tests.test_search_page import html, make_page
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db
API = "/api/search/"


def cards(response):
    page = BeautifulSoup(html(response), "html.parser")
    return [
        (
            " ".join(card.h3.get_text().split()),
            card.h3["lang"],
            label.get_text(strip=True)
            if (label := card.select_one(".result-language"))
            else "",
        )
        for card in page.select("li.search-result")
    ]


def notice(response):
    found = BeautifulSoup(html(response), "html.parser").select_one(".bridged")
    return found.get_text(" ", strip=True) if found else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الميزانية التشاركية", "ar"),
        ("budget participatif", "fr"),
        ("Égalité", "fr"),
        ("2021", None),
        ("budget الميزانية", None),
    ],
)
def test_the_script_tells_the_language(query, expected):
    assert language_of(query) == expected


def test_arabic_query_in_the_french_interface_finds_arabic_fiches(client):
    make_page("الميزانية التشاركية للشباب", language="ar", summary="طنجة")
    make_page("Budget participatif des jeunes", summary="Tanger")
    response = client.get("/fr/search/", {"q": "الميزانية"})
    assert cards(response) == [("الميزانية التشاركية للشباب", "ar", "en arabe")]
    assert "Rien en français pour cette recherche" in notice(response)
    assert "0 résultat" not in html(response)


def test_french_query_in_the_arabic_interface_finds_french_fiches(client):
    make_page("Budget participatif des jeunes", summary="Tanger")
    response = client.get("/ar/search/", {"q": "budget"})
    assert cards(response) == [("Budget participatif des jeunes", "fr", "بالفرنسية")]
    assert "الفرنسية" not in notice(response)  # nothing in Arabic was asked for
    assert "العربية" in notice(response)


@pytest.mark.usefixtures("loaded")
def test_empty_own_language_search_crosses_through_the_glossary(client):
    """ "formation professionnelle" finds no French fiche: the Arabic fiche that
    says التكوين المهني is shown, labelled, instead of zero results."""
    make_page("التكوين المهني للشباب", language="ar", summary="ورشات في الحرف.")
    make_page("Alphabétisation des femmes rurales", summary="Cours du soir.")
    response = client.get("/fr/search/", {"q": "formation professionnelle"})
    assert cards(response) == [("التكوين المهني للشباب", "ar", "en arabe")]
    assert notice(response)
    # The next links carry on in every language.
    soup = BeautifulSoup(html(response), "html.parser")
    current = soup.select_one(".search-options [aria-current]").get_text()
    assert current == "Toutes les langues"


@pytest.mark.usefixtures("loaded")
def test_own_language_results_stay_first_and_alone(client):
    """When the own language finds something, nothing else is added."""
    make_page("Formation professionnelle des jeunes", summary="Ateliers.")
    make_page("التكوين المهني للشباب", language="ar", summary="ورشات في الحرف.")
    response = client.get("/fr/search/", {"q": "formation professionnelle"})
    assert cards(response) == [("Formation professionnelle des jeunes", "fr", "")]
    assert notice(response) is None


@pytest.mark.usefixtures("loaded")
def test_zero_results_only_when_both_languages_are_empty(client):
    make_page("التكوين المهني للشباب", language="ar")
    response = client.get("/fr/search/", {"q": "introuvablissime"})
    assert cards(response) == []
    assert "Aucun résultat" in html(response)


def test_private_fiches_are_not_revealed_by_the_bridge(client):
    page = make_page("الميزانية السرية", language="ar")
    restrict(page, role_group("partners"))
    bump_version()
    response = client.get("/fr/search/", {"q": "الميزانية"})
    assert cards(response) == []


def test_the_api_keeps_its_explicit_language(client):
    make_page("الميزانية التشاركية للشباب", language="ar")
    response = client.get(API, {"q": "الميزانية", "lang": "fr"})
    assert response.json()["results"] == []
