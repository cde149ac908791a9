"""The language switcher keeps the filters and the query (issue #13): a list
filtered in French leads to the same list in Arabic, page 1, with the values
the Arabic list understands — a French free tag becomes its Arabic tag, a
value the other language lacks is dropped rather than ignored with a notice."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.factories import PracticePageFactory, translate

pytestmark = pytest.mark.django_db


def switcher_href(client, url, language):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    link = page.select_one(f"nav.language-switcher a[lang={language}]")
    return link["href"]


def query_of(href):
    return parse_qs(urlsplit(href).query)


@pytest.fixture
def budget_practices():
    """Two French practices tagged "budget-participatif" whose Arabic
    translations carry الميزانية-التشاركية, and "participation" on both sides
    on more pages (the wider tag must not win)."""
    for title in ("Budget des jeunes", "Budget des quartiers"):
        practice = PracticePageFactory(
            title=title,
            commune="tanger",
            themes=["budget-participatif"],
            tags=["budget-participatif", "participation"],
        )
        arabic = translate(practice)
        arabic.tags.set(["الميزانية-التشاركية", "المشاركة"])
        arabic.save_revision().publish()
    PracticePageFactory(language="ar", commune="tanger", tags=["المشاركة"])
    PracticePageFactory(commune="tanger", tags=["participation"])


def test_index_filters_are_kept_and_page_reset(client, budget_practices):
    href = switcher_href(
        client,
        "/fr/pratiques/?theme=budget-participatif&commune=tanger&year=2021&page=2",
        "ar",
    )
    assert urlsplit(href).path == "/ar/pratiques/"
    assert query_of(href) == {
        "theme": ["budget-participatif"],
        "commune": ["tanger"],
        "year": ["2021"],
    }


def test_french_tag_becomes_its_arabic_tag(client, budget_practices):
    href = switcher_href(client, "/fr/pratiques/?tag=budget-participatif", "ar")
    assert query_of(href) == {"tag": ["الميزانية-التشاركية"]}
    # And the Arabic list it leads to applies it: both translations, no notice.
    response = client.get(href)
    assert "ont été ignorés" not in response.content.decode()
    assert response.context["page_obj"].paginator.count == 2


def test_tag_page_leads_to_the_tag_page_of_the_other_language(client, budget_practices):
    href = switcher_href(client, "/fr/pratiques/tag/budget-participatif/", "ar")
    assert unquote(href) == "/ar/pratiques/tag/الميزانية-التشاركية/"
    assert client.get(href).status_code == 200
    back = switcher_href(client, href, "fr")
    assert unquote(back) == "/fr/pratiques/tag/budget-participatif/"


def test_untranslatable_tag_is_dropped_not_a_404(client):
    PracticePageFactory(tags=["seulement-en-francais"])
    href = switcher_href(client, "/fr/pratiques/tag/seulement-en-francais/", "ar")
    assert href == "/ar/pratiques/"
    href = switcher_href(
        client, "/fr/pratiques/?tag=seulement-en-francais&year=2020", "ar"
    )
    assert query_of(href) == {"year": ["2020"]}


def test_unknown_vocabulary_value_is_dropped(client, budget_practices):
    href = switcher_href(
        client, "/fr/pratiques/?theme=nexiste-pas&theme=budget-participatif", "ar"
    )
    assert query_of(href) == {"theme": ["budget-participatif"]}


def test_commune_page_keeps_its_filters(client, budget_practices):
    href = switcher_href(client, "/fr/pratiques/commune/tanger/?year=2021", "ar")
    assert href == "/ar/pratiques/commune/tanger/?year=2021"


def test_search_keeps_query_and_filters_and_resets_page(client, budget_practices):
    href = switcher_href(
        client,
        "/fr/search/?q=budget&theme=budget-participatif&page=3&lang=fr&sort=date",
        "ar",
    )
    assert urlsplit(href).path == "/ar/search/"
    # "Dans cette langue" in French means in Arabic once in Arabic.
    assert query_of(href) == {
        "q": ["budget"],
        "theme": ["budget-participatif"],
        "sort": ["date"],
    }


def test_search_in_all_languages_stays_in_all_languages(client, budget_practices):
    href = switcher_href(client, "/ar/search/?q=budget&lang=all", "fr")
    assert query_of(href) == {"q": ["budget"], "lang": ["all"]}


def test_each_url_has_its_own_switcher(client, budget_practices):
    """The switcher is computed per URL, even when the page's versions come
    from the cache: the second list does not get the first one's filters."""
    first = switcher_href(client, "/fr/pratiques/?year=2021", "ar")
    second = switcher_href(client, "/fr/pratiques/?year=2020", "ar")
    assert (query_of(first), query_of(second)) == (
        {"year": ["2021"]},
        {"year": ["2020"]},
    )
