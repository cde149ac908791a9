"""Hostile input never makes the search page or the API fail (no 5xx): random
Unicode, bidi marks, query syntax, unbalanced quotes, huge queries, NUL bytes and
random parameter values. Engine trouble is reported ("degraded"), not raised; a
bug is raised, not reported as engine trouble."""

import elastic_transport
import opensearchpy
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


ENGINE_TROUBLE = [
    opensearchpy.exceptions.ConnectionError("N/A", "Connection refused", None),
    opensearchpy.exceptions.ConnectionTimeout("TIMEOUT", "Read timed out", None),
    opensearchpy.exceptions.TransportError(503, "unavailable"),
    elastic_transport.ConnectionError("Connection refused"),
    elastic_transport.ConnectionTimeout("Read timed out"),
]
BUGS = [RuntimeError("a bug"), ValueError("another bug"), KeyError("lost")]


def raising(exc):
    def search(*args, **kwargs):
        raise exc

    return search


@pytest.mark.parametrize("exc", ENGINE_TROUBLE, ids=lambda e: type(e).__name__)
def test_engine_trouble_is_reported_not_raised(client, monkeypatch, caplog, exc):
    """An engine transport error or timeout that gets through (``run_search``
    answers most of them from the database): the page says so and the API
    answers empty and degraded, no 5xx; the failure is logged."""
    monkeypatch.setattr("search.service.run_search", raising(exc))
    with caplog.at_level("ERROR", logger="search.service"):
        content = client.get("/fr/search/", {"q": "budget"}).content.decode()
        assert "La recherche est momentanément indisponible" in content
        data = client.get("/api/search/", {"q": "budget", "lang": "all"}).json()
    assert (data["count"], data["degraded"]) == (0, True)
    logged = [r for r in caplog.records if r.name == "search.service"]
    assert len(logged) == 2
    assert all(r.exc_info[0] is type(exc) for r in logged)


@pytest.mark.parametrize("exc", BUGS, ids=lambda e: type(e).__name__)
def test_bugs_in_the_search_raise_and_are_logged(client, monkeypatch, caplog, exc):
    """Anything else is a bug, not a "degraded" search: it reaches the test (and
    Django, which logs it and answers 500), on the page and in the API."""
    monkeypatch.setattr("search.service.run_search", raising(exc))
    for url, params in [
        ("/fr/search/", {"q": "budget"}),
        ("/api/search/", {"q": "budget"}),
        ("/api/search/", {"q": "budget", "lang": "all"}),
    ]:
        with pytest.raises(type(exc)):
            client.get(url, params)
    caplog.clear()
    client.raise_request_exception = False
    with caplog.at_level("ERROR"):
        assert client.get("/fr/search/", {"q": "budget"}).status_code == 500
        assert client.get("/api/search/", {"q": "budget"}).status_code == 500
    errors = [r for r in caplog.records if r.name == "django.request"]
    assert [r.exc_info[0] for r in errors] == [type(exc), type(exc)]
    assert not [r for r in caplog.records if r.name == "search.service"]


def test_autocomplete_engine_trouble_answers_empty(client, monkeypatch, caplog):
    """Autocomplete: a transport error that gets through answers an empty list
    (logged); a bug raises."""
    url = "/api/search/autocomplete/"
    timeout = opensearchpy.exceptions.ConnectionTimeout("TIMEOUT", "timed out", None)
    monkeypatch.setattr("search.autocomplete.run_search", raising(timeout))
    with caplog.at_level("ERROR", logger="search.autocomplete"):
        response = client.get(url, {"q": "bud", "lang": "fr"})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []
    assert [r.name for r in caplog.records] == ["search.autocomplete"]
    monkeypatch.setattr("search.autocomplete.run_search", raising(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        client.get(url, {"q": "bud", "lang": "fr"})


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
