"""The search API keeps its contract (issue #9, item 13): an independent client,
schemathesis, reads ``/api/search/openapi.json`` and throws generated requests
at both operations through Django's WSGI application — valid ones and invalid
ones (a ``q`` over ``maxLength``, a bad enum, a repeated scalar, an undeclared
method…) — and checks every answer with all its checks: no 5xx, only declared
statuses and content types, bodies that match the declared schemas, invalid
input refused (400), valid input accepted, undeclared methods answered 405 with
``Allow``. It must find nothing.

Derandomized with a fixed seed, so the run is the same every time; a few
pages exist so that results, facets, translations and suggestions are not
empty. The examples per operation are ``MAX_EXAMPLES`` (fuzzing) plus the
schema-derived coverage cases.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from search.facets import bump_version
from search.params import MAX_QUERY_LENGTH
from tests.test_search_page import make_page, translate

MAX_EXAMPLES = 150
CONFIG = {
    "seed": 20260409,
    "generation": {
        "mode": "all",  # valid and invalid requests
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        "database": "none",  # nothing written under .hypothesis/
    },
    # Every check is on (schemathesis' default); none is turned off here.
}

# Read over HTTP (WSGI) from the API itself, as any client would; the document
# needs no database. (Loaded here rather than in a fixture: schemathesis' lazy
# ``from_fixture`` relies on a pytest internal that pytest 9 no longer has.)
schema = schemathesis.openapi.from_wsgi(
    "/api/search/openapi.json",
    get_wsgi_application(),
    config=schemathesis.Config.from_dict(CONFIG),
)


@pytest.fixture
def keep_the_test_connection():
    """schemathesis calls the WSGI application itself, which sends Django's
    request signals: their ``close_old_connections`` would close the test's
    database connection in the middle of its transaction (PostgreSQL: "the
    connection is closed"). Django's own test client disconnects it the same
    way for the duration of a request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def pages(db, keep_the_test_connection):
    """Pages of every type, translated and tagged, so that answers have
    results, facets, translations and suggestions to check."""
    cache.clear()
    bump_version()
    page = make_page(
        "Budget participatif des jeunes",
        summary="Un budget voté par les jeunes",
        tags=["Jeunesse", "ميزانية"],
        themes=["budget-participatif"],
    )
    translate(page, "الميزانية التشاركية للشباب", "ميزانية")
    make_page("Formulaire de budget", page_type="template", summary="budget")
    make_page("Formation au budget", page_type="training", summary="budget")


@schema.parametrize()
# The pages are made once per operation; the requests only read them.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_api_keeps_its_openapi_contract(case, pages):
    # Called on the WSGI app, whose transport does not undo gzip: the contract is
    # about the JSON (compression has its own tests, tests/test_compression.py).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


# The same contract, case by case ---------------------------------------------

API = "/api/search/"
AUTOCOMPLETE = "/api/search/autocomplete/"


@pytest.mark.django_db
@pytest.mark.parametrize("url", [API, AUTOCOMPLETE])
def test_a_query_over_its_declared_length_is_a_400(client, url):
    """``q`` declares ``maxLength``: one character more is refused, naming it,
    instead of being cut silently."""
    assert client.get(url, {"q": "b" * MAX_QUERY_LENGTH}).status_code == 200
    response = client.get(url, {"q": "b" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["parameter"] == "q"
    assert str(MAX_QUERY_LENGTH) in response.json()["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [API, AUTOCOMPLETE, "/api/search/openapi.json"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_undeclared_methods_are_a_json_405_with_allow(client, url, method):
    """Not Django's HTML 403 (CSRF) nor an empty 405: JSON naming the methods,
    and the ``Allow`` header."""
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Content-Type"] == "application/json"
    assert "GET, HEAD" in response.json()["error"]
    assert client.head(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"lang": ""}, "lang"),  # not one of the declared values
        ({"lang": " fr"}, "lang"),
        ({"page": ["1", "2"]}, "page"),  # not an array: once only
        ({"q": ["budget", "eau"]}, "q"),
        ({"year": ["2020", "2021"]}, "year"),
        ({"page": "+2"}, "page"),
        ({"page": str(10**9 + 1)}, "page"),
        ({"type": ["practice"] * 6}, "type"),  # maxItems, even repeated
        ({"tag": ""}, "tag"),
        ({"tag": "deux mots"}, "tag"),
        ({"theme": "x" * 101}, "theme"),
    ],
)
def test_every_parameter_is_checked_as_declared(client, params, parameter):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"tag": "ميزانية"},  # tag slugs may be Arabic
        {"tag": "éducation"},
        {"page": str(10**9)},
        {"type": ["practice", "template"], "year": "2021"},
        {"q": ""},
    ],
)
def test_what_is_declared_is_accepted(client, params):
    assert client.get(API, params).status_code == 200


@pytest.mark.django_db
def test_autocomplete_checks_lang_as_declared(client):
    assert client.get(AUTOCOMPLETE, {"q": "bu", "lang": "all"}).status_code == 200
    for lang in ("", "en", "FR"):
        response = client.get(AUTOCOMPLETE, {"q": "bu", "lang": lang})
        assert response.status_code == 400
        assert response.json()["parameter"] == "lang"
