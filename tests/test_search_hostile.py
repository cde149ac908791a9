"""Hostile input never makes the search page or the API fail (no 5xx): random
Unicode, bidi marks, query syntax, unbalanced quotes, huge queries, NUL bytes and
random parameter values."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.facets import bump_version
from search.params import MAX_QUERY_LENGTH, PARAMETERS
from tests.test_search_page import make_page

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
SYNTAX = ['"', "*", "(", ")", ":", "^", "-", "+", "AND", "OR", "NOT", "NEAR", "'"]
MARKS = ["\u200f", "\u200e", "\u202b", "\u202e", "\u2066", "\u061c", "\x00", "\ufeff"]
WORDS = ["budget", "مشاركة", "l’école", "ال", "é", "٣", "NEAR/2", "x" * 50]

queries = st.one_of(
    st.text(),
    st.lists(st.sampled_from(SYNTAX + MARKS + WORDS + [" "]), max_size=30).map("".join),
    st.text(alphabet="\"*():^-+'ab مش" + "".join(MARKS), max_size=80),
    st.builds(lambda word, n: word * n, st.sampled_from(WORDS), st.integers(1, 2000)),
)
values = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["", "0", "-1", "51", "1e3", "٣", "fr", "ar", "all", "women"]),
)
parameters = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10)), values, max_size=6
)


@pytest.fixture(autouse=True)
def some_pages():
    """A few pages in both languages, so hostile queries can also match."""
    bump_version()
    make_page("Budget participatif", summary="Le budget de l’école", tags=["Budget"])
    make_page("المشاركة", language="ar", summary="المُشارَكة المواطنة")


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:500]


@HYPOTHESIS
@given(query=queries)
def test_hostile_queries_on_the_page(client, query):
    """Any query answers the page with a 200."""
    response = client.get("/fr/search/", {"q": query})
    assert response.status_code == 200


@HYPOTHESIS
@given(query=queries, lang=st.sampled_from(["fr", "ar", "all"]))
def test_hostile_queries_on_the_api(client, query, lang):
    """Any query answers the API with a 200 and JSON — a 400 naming ``q`` when
    it is longer than declared (``maxLength``)."""
    response = client.get("/api/search/", {"q": query, "lang": lang})
    if len(query) > MAX_QUERY_LENGTH:
        assert response.status_code == 400
        assert response.json()["parameter"] == "q"
    else:
        assert response.status_code == 200
        assert "results" in response.json()


@HYPOTHESIS
@given(params=parameters)
def test_random_parameters_on_the_page(client, params):
    """Random parameters never fail the page: bad values are ignored."""
    response = client.get("/ar/search/", params)
    assert response.status_code == 200


@HYPOTHESIS
@given(params=parameters)
def test_random_parameters_on_the_api(client, params):
    """Random parameters answer 200 or a 400 naming a parameter, never a 5xx."""
    response = client.get("/api/search/", params)
    assert_no_server_error(response)
    if response.status_code == 400:
        assert response.json()["parameter"] in PARAMETERS


@HYPOTHESIS
@given(params=parameters, repeated=st.lists(values, min_size=2, max_size=8))
def test_repeated_filters_on_the_api(client, params, repeated):
    """A filter given several times (AND) is answered, or refused with a 400."""
    response = client.get("/api/search/", {**params, "theme": repeated})
    assert_no_server_error(response)


def test_ten_thousand_character_query(client):
    """A 10,000-character query is cut and searched on the page; the API, a
    contract, refuses it (400 naming ``q``)."""
    query = ("budget مشاركة " * 800)[:10_000]
    assert client.get("/fr/search/", {"q": query}).status_code == 200
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == 400
    assert response.json()["parameter"] == "q"


def test_nul_bytes_and_bidi_marks_are_ignored(client):
    """NUL bytes and bidi controls inside words do not prevent a match."""
    data = client.get("/api/search/", {"q": "bud\x00get\u200f"}).json()
    assert data["query"] == "budget"
    assert data["count"] == 1


def test_engine_failure_is_reported_not_raised(client, monkeypatch):
    """If the search itself raises, the page says so and the API answers empty
    and degraded: still no 5xx."""

    def broken(*args, **kwargs):
        raise RuntimeError("engine on fire")

    monkeypatch.setattr("search.service.run_search", broken)
    content = client.get("/fr/search/", {"q": "budget"}).content.decode()
    assert "La recherche est momentanément indisponible" in content
    data = client.get("/api/search/", {"q": "budget"}).json()
    assert (data["count"], data["degraded"]) == (0, True)


def test_degraded_answer_is_flagged(client, monkeypatch):
    """A fallback answer from the database is shown with a notice and flagged."""
    from search import resilience

    def fallback(queryset, query, **kwargs):
        results, _backend, _degraded = resilience.run_search(queryset, query, **kwargs)
        return results, "database", True

    monkeypatch.setattr("search.service.run_search", fallback)
    content = client.get("/fr/search/", {"q": "budget"}).content.decode()
    assert "recherche de secours" in content
    assert "<mark>Budget</mark> participatif" in content
    data = client.get("/api/search/", {"q": "budget"}).json()
    assert (data["count"], data["backend"], data["degraded"]) == (1, "database", True)
