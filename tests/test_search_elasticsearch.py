"""The Elasticsearch backend's Python analysis, without a node (every lane).

``search.backends.elasticsearch`` sends the engine analysed text and analysed
queries, for the built-in ``whitespace`` analyzer of a node without
analysis-common; the Elasticsearch lane (``.ci/es-lane.sh``) checks the same
against a real node.
"""

from __future__ import annotations

import json

import pytest
from modelsearch.backends import get_search_backend

from hub.search_backends import search_backends
from practices.models import PracticePage
from search.backends.elasticsearch import AnalysingMapping, edge_ngrams
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = "wagtail.search.backends.database"


@pytest.fixture
def backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        "elasticsearch", "http://127.0.0.1:9", DATABASE_BACKEND
    )
    return get_search_backend()


def test_edge_ngrams():
    assert edge_ngrams("ecol مشارك") == "e ec eco ecol م مش مشا مشار مشارك"
    long = "a" * 20
    assert edge_ngrams(long).split()[-2:] == ["a" * 15, long]


def test_documents_and_mapping_carry_the_python_analysis(backend):
    page = PracticePageFactory(title="L’École des Bénéficiaires والمشاركة ٢٠٢٤")
    mapping = AnalysingMapping(PracticePage)
    properties = mapping.get_mapping()["properties"]
    texts = [f for f in properties.values() if f.get("type") == "text"]
    assert texts and all(f["analyzer"] == "whitespace" for f in texts)
    document = mapping.get_document(page)
    assert document["title"] == "ecol des beneficiai مشارك 2024"
    grams = " ".join(document["_edgengrams"]).split()
    assert {"ec", "ecol", "ecole", "benef", "مشا"} <= set(grams)


def test_queries_are_analysed(backend):
    results = backend.search("Écoles, LES bénéficiaires!", PracticePage)
    query = json.dumps(results.query_compiler.get_query(), ensure_ascii=False)
    # « LES » is a stop word: kept in the index (autocomplete), never required
    # by a query — as on the database backends.
    assert '"query": "ecol beneficiai"' in query
    # The last word completes its stem or itself ("formations" stems to "form").
    autocomplete = backend.autocomplete("formations", PracticePage)
    query = json.dumps(autocomplete.query_compiler.get_query(), ensure_ascii=False)
    assert '"query": "form"' in query and '"query": "formations"' in query
