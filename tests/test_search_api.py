"""The JSON search API (/api/search/) and its OpenAPI description."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import openapi
from search.api_params import KEYWORDS
from search.facets import FACETS, bump_version
from search.params import PARAMETERS
from tests.test_search_page import make_budget_pages, make_page, translate

pytestmark = pytest.mark.django_db

API = "/api/search/"


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Start each test from a facet index that matches its (rolled back) data."""
    bump_version()


def get_json(client, params, status=200):
    response = client.get(API, params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_results_carry_the_documented_fields(client):
    """A result has ref, type, title, absolute URL path, language, marked
    snippet and tags; the answer has the query, paging, facets and backend."""
    page = make_page(
        "Budget participatif",
        summary="Un budget voté",
        tags=["Jeunesse"],
        themes=["budget-participatif"],
    )
    data = get_json(client, {"q": "budget", "lang": "fr"})
    assert data["query"] == "budget"
    assert (data["count"], data["page"], data["page_size"]) == (1, 1, 10)
    assert data["results"] == [
        {
            "ref": page.ref,
            "type": "practice",
            "title": "Budget participatif",
            "url": f"/fr/pratiques/{page.slug}/",
            "language": "fr",
            "snippet": "Un <mark>budget</mark> voté",
            "tags": [{"slug": "jeunesse", "name": "Jeunesse"}],
            "translations": [],
            "adapted_from": None,
            "adapted_by": [],
        }
    ]
    assert data["facets"]["theme"] == {"budget-participatif": 1}
    assert set(data["facets"]) == set(FACETS)
    assert isinstance(data["backend"], str)
    assert data["degraded"] is False


def test_answers_are_cacheable_for_a_minute(client):
    """Results may be cached publicly for 60 s (``lang`` is explicit)."""
    response = client.get(API, {"q": "budget"})
    assert "max-age=60" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_language_scope(client):
    """lang=fr and lang=ar search one language; lang=all shows a translated
    practice once, in the request's language, with its translation."""
    page = make_page("Budget participatif", summary="budget")
    arabic = translate(page, "الميزانية التشاركية", "budget")
    assert [r["ref"] for r in get_json(client, {"q": "budget"})["results"]] == [
        page.ref
    ]
    in_arabic = get_json(client, {"q": "budget", "lang": "ar"})["results"]
    assert [r["ref"] for r in in_arabic] == [arabic.ref]
    everything = get_json(client, {"q": "budget", "lang": "all"})
    assert everything["count"] == 1
    assert everything["results"][0]["ref"] == page.ref
    assert everything["results"][0]["translations"] == [
        {"language": "ar", "url": f"/ar/pratiques/{arabic.slug}/"}
    ]
    preferred = client.get(
        API, {"q": "budget", "lang": "all"}, HTTP_ACCEPT_LANGUAGE="ar"
    ).json()
    assert preferred["results"][0]["ref"] == arabic.ref


def test_pagination(client):
    """page and page_size slice the results; past the end the list is empty."""
    make_budget_pages(7)
    first = get_json(client, {"q": "budget", "page_size": "5"})
    second = get_json(client, {"q": "budget", "page_size": "5", "page": "2"})
    assert (first["count"], first["num_pages"], len(first["results"])) == (7, 2, 5)
    assert len(second["results"]) == 2
    refs = {r["ref"] for r in first["results"]} | {r["ref"] for r in second["results"]}
    assert len(refs) == 7
    beyond = get_json(client, {"q": "budget", "page_size": "5", "page": "3"})
    assert (beyond["count"], beyond["results"]) == (7, [])


def test_sort_by_date_and_browse(client):
    """sort=date puts the newest first; without q everything is listed so."""
    old = make_page("Budget ancien", summary="budget budget budget budget")
    new = make_page("Budget récent", summary="autre")
    by_date = get_json(client, {"q": "budget", "sort": "date"})["results"]
    assert [r["ref"] for r in by_date] == [new.ref, old.ref]
    browse = get_json(client, {})["results"]
    assert [r["ref"] for r in browse] == [new.ref, old.ref]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"lang": "en"}, "lang"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page_size": "51"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"year": "abc"}, "year"),
        ({"type": "video"}, "type"),
        ({"sort": "popularity"}, "sort"),
        ({"theme": "not a slug"}, "theme"),
        ({"lang": "en", "page": "0"}, "lang"),
    ],
)
def test_bad_parameter_is_a_400_naming_it(client, params, parameter):
    """A bad parameter answers 400 with a message and the (first) parameter."""
    data = get_json(client, params, status=400)
    assert data["parameter"] == parameter
    assert parameter in data["error"]


def test_error_message_follows_the_request_language(client):
    """The message is in the negotiated language (French source strings here,
    Arabic once translated): never empty, never a stack trace."""
    response = client.get(API, {"page": "0"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400
    assert response.json()["error"].strip()


def test_openapi_document_describes_the_api(client):
    """/api/search/openapi.json is valid JSON, OpenAPI 3, and documents every
    parameter and every field of the answer and of a result."""
    response = client.get("/api/search/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    operation = document["paths"]["/api/search/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == list(PARAMETERS)
    assert set(operation["responses"]) == {"200", "400"}
    schemas = document["components"]["schemas"]
    make_page("Budget", summary="budget")
    data = get_json(client, {"q": "budget"})
    assert set(schemas["SearchResponse"]["properties"]) == set(data)
    assert set(schemas["Result"]["properties"]) == set(data["results"][0])
    assert set(schemas["Error"]["properties"]) == {"error", "parameter"}
    assert "<mark>" in schemas["Result"]["properties"]["snippet"]["description"]


def test_document_kind_is_a_documented_facet_and_filter(client):
    """``kind`` (a template's document kind) is counted in ``facets`` and
    filters the results; the OpenAPI document declares both."""
    make_page("Budget appel", page_type="template", kind="call-for-projects")
    make_page("Budget charte", page_type="template", kind="charter")
    make_page("Budget pratique")
    data = get_json(client, {"q": "budget"})
    assert data["facets"]["kind"] == {"call-for-projects": 1, "charter": 1}
    data = get_json(client, {"q": "budget", "kind": "charter"})
    assert [r["title"] for r in data["results"]] == ["Budget charte"]
    assert data["facets"]["type"] == {"template": 1}
    document = json.loads(client.get("/api/search/openapi.json").content)
    declared = {
        p["name"]: p for p in document["paths"]["/api/search/"]["get"]["parameters"]
    }
    assert declared["kind"]["schema"]["type"] == "array"
    assert "call-for-projects" in declared["kind"]["description"]
    counted = document["components"]["schemas"]["SearchResponse"]["properties"]
    assert "kind" in counted["facets"]["properties"]
    assert "kind" in counted["facets"]["required"]


def test_query_count_does_not_grow_with_the_matches(
    client, django_assert_max_num_queries
):
    """The API runs as many queries for 5 matching pages as for 30 (8: the
    relevance scores are read in their own query, see sqlite_ranking.py, the
    indexed text of the first matches in one, see field_ranking.py, and the
    adopt-and-adapt lineage of the results in one, see search/lineage.py)."""
    params = {"q": "budget", "lang": "all", "page_size": "50"}

    def warm_queries():
        client.get(API, params)
        with CaptureQueriesContext(connection) as context:
            client.get(API, params)
        return len(context.captured_queries)

    make_budget_pages(5)
    five = warm_queries()
    make_budget_pages(25, start=5)
    thirty = warm_queries()
    assert five == thirty
    with django_assert_max_num_queries(8):
        client.get(API, params)


def test_declared_schemas_use_only_keywords_the_api_checks():
    """The API checks its parameters against these very declarations
    (``search.api_params``), which knows a few JSON Schema keywords only."""
    for parameter in [*openapi.parameters(), *openapi.autocomplete_parameters()]:
        schema = parameter["schema"]
        assert set(schema) <= KEYWORDS, parameter["name"]
        assert set(schema.get("items", {})) <= KEYWORDS, parameter["name"]
        for declared in (schema, schema.get("items", {})):
            if declared.get("type") == "integer":
                assert {"minimum", "maximum"} <= set(declared), parameter["name"]
