"""The read API keeps its contract and its privacy (issue #16, item 5): as for
the search API (tests/test_search_api_contract.py), schemathesis reads
``/api/v2/openapi.json`` and throws generated requests, valid and invalid, at
every operation through Django's WSGI application: no 5xx, only declared
statuses and content types (JSON), bodies that match the declared schemas
(which allow no undescribed field). And whatever the parameters, no answer
holds a private page, document or image: the ids that the generator puts in
paths and filters are drawn from the fixtures' own ids, private ones included.

Wagtail's API is lenient with some invalid input (an unknown ``type`` in a
list, a string ``fields``), so the checks that want every invalid request
refused, and every valid one accepted, are not run; the rest are.
Derandomized with a fixed seed.
"""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import get_page_models

from search import read_api_openapi
from search.read_api import PublicDocuments, PublicImages, PublicPages
from tests.test_read_api import make_content
from tests.test_search_api_contract import keep_the_test_connection  # noqa: F401

MAX_EXAMPLES = 10
CONFIG = {
    "seed": 20261205,
    "generation": {
        "mode": "all",
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        "database": "none",
    },
    # Other methods: Wagtail's (DRF's) JSON 405, not this API's contract.
    "phases": {"coverage": {"unexpected-methods": []}},
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Words only the private fixtures' titles hold (tests/test_read_api.py).
SECRETS = ("zorglub", "brouillon", "attente")
ID_FILTERS = ("id", "child_of", "descendant_of", "ancestor_of", "translation_of")

schema = schemathesis.openapi.from_wsgi(
    "/api/v2/openapi.json",
    get_wsgi_application(),
    config=schemathesis.Config.from_dict(CONFIG),
)

# Every id of the fixtures, public and private: filled by ``known``, read by
# the hooks while schemathesis generates (the fixture runs first).
IDS = []


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker, tmp_path_factory):
    """Made once for all the operations, in a transaction rolled back when the
    module is done (as tests/test_permission_matrix.py); the requests only read."""
    media = tmp_path_factory.mktemp("read-api-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        with transaction.atomic():
            yield make_content()
            transaction.set_rollback(True)


@pytest.fixture
def known(db, made, keep_the_test_connection):  # noqa: F811
    # The made pages, documents and images (and the pages above them), so
    # that a private one is often asked for.
    pages = ("private", "draft", "public", "template", "training")
    IDS[:] = sorted(
        {made[name].pk for name in pages}
        | {*made["public"].get_ancestors().values_list("pk", flat=True)}
        | {pk for _endpoint, pk in private(made)}
        | {made["public_document"].pk, made["photo"].pk}
    )
    yield private(made)
    IDS.clear()


def private(made):
    return {
        ("pages", made["private"].pk),
        ("pages", made["draft"].pk),
        ("documents", made["private_document"].pk),
        ("documents", made["draft_document"].pk),
        ("images", made["unused"].pk),
    }


def _an_id(generated):
    """Mostly one of ``IDS``, read when drawn (the strategy is built before
    the fixtures run), sometimes the generated value."""
    return st.integers(0, 9).map(
        lambda i: IDS[i % len(IDS)] if IDS and i < 8 else generated
    )


def flatmap_path_parameters(ctx, path_parameters):
    if isinstance(path_parameters, dict) and isinstance(path_parameters.get("id"), int):
        return _an_id(path_parameters["id"]).map(
            lambda pk: {**path_parameters, "id": pk}
        )
    return st.just(path_parameters)


def flatmap_query(ctx, query):
    if not isinstance(query, dict):
        return st.just(query)
    names = [n for n in ID_FILTERS if isinstance(query.get(n), int)]
    ids = st.fixed_dictionaries({n: _an_id(query[n]) for n in names})
    return ids.map(lambda chosen: {**query, **chosen})


def shown(data):
    """``(endpoint, id)`` of every page, document and image an answer shows."""
    if isinstance(data, list):
        for item in data:
            yield from shown(item)
    elif isinstance(data, dict):
        meta = data.get("meta")
        if isinstance(meta, dict) and "detail_url" in meta and "id" in data:
            yield meta["detail_url"].rstrip("/").split("/")[-2], data["id"]
        elif "download_url" in data and "id" in data:  # a page's attachment
            yield "documents", data["id"]
        for value in data.values():
            yield from shown(value)


@schema.hooks.apply(flatmap_query)
@schema.hooks.apply(flatmap_path_parameters)
@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_read_api_keeps_its_contract_and_privacy(case, known):
    response = case.call(headers={"Accept-Encoding": "identity"})
    case.validate_response(response, checks=CHECKS)
    text = response.text.lower()
    assert not [word for word in SECRETS if word in text], case.as_curl_command()
    if response.headers.get("Content-Type", [""])[0].startswith("application/json"):
        assert not set(shown(json.loads(response.text))) & known
    location = response.headers.get("Location", [""])[0]
    assert not [
        item for item in known if f"/api/v2/{item[0]}/{item[1]}/" in location
    ], location


# The document itself ----------------------------------------------------------


def test_a_field_shared_by_two_page_types_is_described_once_alike():
    for name, described in read_api_openapi.type_fields().items():
        for model in read_api_openapi.api_page_models():
            for api_field in model.api_fields:
                if api_field.name == name:
                    assert read_api_openapi._field(model, api_field) == described


def test_every_field_the_api_can_show_is_described(client):
    """Each endpoint's fields for each model (Wagtail's own lists, the page
    types' ``api_fields`` included) are in the document: none can be asked
    for that the schemas would refuse."""
    schemas = client.get("/api/v2/openapi.json").json()["components"]["schemas"]
    endpoints = {
        "Page": (PublicPages, get_page_models()),
        "Document": (PublicDocuments, [get_document_model()]),
        "Image": (PublicImages, [get_image_model()]),
    }
    for name, (endpoint, models) in endpoints.items():
        described = schemas[name]["properties"]
        for model in models:
            assert set(endpoint.get_body_fields_names(model)) <= set(described)
            meta = set(endpoint.get_meta_fields_names(model))
            assert meta <= set(described["meta"]["properties"])


def test_the_document_describes_no_personal_field(client):
    document = client.get("/api/v2/openapi.json").json()
    page = document["components"]["schemas"]["Page"]["properties"]
    assert {"contacts", "trainer_contacts", "owner"}.isdisjoint(page)
    assert "owner" not in page["meta"]["properties"]
    assert "contacts" not in json.dumps(document)
