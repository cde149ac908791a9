"""Facet counts and filters: every value's count, AND combinations, invalidation
on publish/unpublish/delete, labels per language, and the speed of the index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.facets import build_index, bump_version, get_index
from tests.test_search_page import make_page, translate

pytestmark = pytest.mark.django_db

API = "/api/search/"


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Start each test from a facet index that matches its (rolled back) data."""
    bump_version()


@pytest.fixture
def catalogue():
    """Five pages with overlapping facet values (all match "budget")."""
    return [
        make_page(
            "Budget A",
            themes=["budget-participatif"],
            target_publics=["women"],
            region="tanger-tetouan-al-hoceima",
            commune="tanger",
            tags=["Jeunesse"],
            year=2020,
        ),
        make_page(
            "Budget B",
            themes=["budget-participatif", "participation-citoyenne"],
            target_publics=["women", "youth"],
            region="souss-massa",
            commune="tiznit",
            year=2021,
        ),
        make_page(
            "Budget C",
            page_type="training",
            themes=["participation-citoyenne"],
            target_publics=["youth"],
            tags=["Jeunesse", "Formation"],
            year=2021,
        ),
        make_page(
            "Budget D",
            page_type="template",
            kind="call-for-projects",
            themes=["budget-participatif"],
            tags=["Formation"],
            year=2022,
        ),
        make_page("Budget E", language="ar", tags=["Jeunesse"], year=2022),
    ]


def search(client, **params):
    response = client.get(API, {"q": "budget", "page_size": "50", **params})
    assert response.status_code == 200
    return response.json()


def test_every_facet_count_of_a_query(client, catalogue):
    """Each facet value counts the French results having it."""
    facets = search(client)["facets"]
    assert facets["type"] == {"practice": 2, "template": 1, "training": 1}
    assert facets["language"] == {"fr": 4}
    assert facets["theme"] == {"budget-participatif": 3, "participation-citoyenne": 2}
    assert facets["public"] == {"women": 2, "youth": 2}
    assert facets["region"] == {"souss-massa": 1, "tanger-tetouan-al-hoceima": 1}
    assert facets["commune"] == {"tanger": 1, "tiznit": 1}
    assert facets["tag"] == {"formation": 2, "jeunesse": 2}
    assert facets["year"] == {"2021": 2, "2020": 1, "2022": 1}
    assert facets["kind"] == {"call-for-projects": 1}


def test_every_count_is_the_number_of_results_its_filter_leaves(client, catalogue):
    """For every value of every facet, alone and added to each other value
    (AND), the count shown equals the results the filter then returns."""
    checked = 0
    for extra_filter in [None, *single_filters(search(client)["facets"])]:
        extra = dict([extra_filter]) if extra_filter else {}
        answer = search(client, **extra)
        assert answer["count"] == len(answer["results"])
        for name, value in single_filters(answer["facets"]):
            combined = {**extra, name: value}
            if extra.get(name, value) != value:
                combined[name] = [extra[name], value]
            assert search(client, **combined)["count"] == answer["facets"][name][value]
            checked += 1
    assert checked > 50


def single_filters(facets):
    for name, counts in facets.items():
        if name != "language":
            for value in counts:
                yield name, value


def test_filters_combine_with_and(client, catalogue):
    """Two values of a facet, or values of two facets, must all hold."""
    assert titles(search(client, theme="budget-participatif", public="youth")) == [
        "Budget B"
    ]
    both = {"theme": ["budget-participatif", "participation-citoyenne"]}
    assert titles(search(client, **both)) == ["Budget B"]
    assert titles(search(client, tag="jeunesse", type="training")) == ["Budget C"]
    assert search(client, commune="tanger", year="2021")["count"] == 0
    assert titles(search(client, year="2022", lang="all")) == ["Budget D", "Budget E"]


def titles(answer):
    return sorted(r["title"] for r in answer["results"])


def test_kind_filters_templates(client, catalogue):
    """The document kind filters the search (templates only have one)."""
    assert titles(search(client, kind="call-for-projects")) == ["Budget D"]
    assert search(client, kind="charter")["count"] == 0


def test_belgian_communes_are_no_facet_values(client, catalogue):
    """A fiche in a Belgian commune is counted and found, but under no commune:
    the commune facet holds the Moroccan partner communes only, as on the
    index pages; filtering by a Belgian commune finds nothing."""
    make_page("Budget M", commune="molenbeek-saint-jean")
    answer = search(client)
    assert answer["count"] == 5
    assert answer["facets"]["commune"] == {"tanger": 1, "tiznit": 1}
    assert search(client, commune="molenbeek-saint-jean")["count"] == 0


def test_all_languages_counts_a_translated_page_once(client, catalogue):
    """In "all", a translated page counts once, in the request's language."""
    translate(catalogue[0], "Budget A عربي", "budget")
    facets = search(client, lang="all")["facets"]
    assert facets["language"] == {"fr": 4, "ar": 1}
    assert search(client, lang="all")["count"] == 5


def test_index_follows_publish_unpublish_and_delete(client, catalogue):
    """Publishing, unpublishing and deleting a page change the counts at once."""
    assert search(client)["facets"]["type"]["practice"] == 2
    make_page("Budget F", commune="tanger")
    assert search(client)["facets"]["commune"]["tanger"] == 2
    catalogue[0].unpublish()
    assert search(client)["facets"]["commune"] == {"tanger": 1, "tiznit": 1}
    catalogue[1].delete()
    assert search(client)["facets"]["commune"] == {"tanger": 1}


def test_restricted_pages_stay_out_of_search(client, catalogue):
    """A page behind a view restriction is neither listed nor counted."""
    PageViewRestriction.objects.create(
        page=catalogue[0], restriction_type="password", password="secret"
    )
    answer = search(client)
    assert "Budget A" not in titles(answer)
    assert answer["facets"]["commune"] == {"tiznit": 1}


def test_labels_are_in_the_interface_language(client, catalogue):
    """Filter labels come from the vocabulary in the page's language."""
    french = client.get("/fr/search/", {"q": "budget"}).content.decode()
    arabic = client.get("/ar/search/", {"q": "budget", "lang": "fr"}).content.decode()
    assert "Budget participatif</bdi>" in french
    assert "Tanger</bdi>" in french
    assert "طنجة</bdi>" in arabic


def test_index_is_read_in_a_handful_of_queries(catalogue):
    """Building the index costs a fixed number of queries, then none."""
    with CaptureQueriesContext(connection) as built:
        build_index()
    assert len(built.captured_queries) <= 13
    get_index()
    with CaptureQueriesContext(connection) as cached:
        get_index()
    assert len(cached.captured_queries) == 0
