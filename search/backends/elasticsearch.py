"""Elasticsearch 8 with the French+Arabic analysis run in Python.

``SEARCH_BACKEND=elasticsearch`` (``hub.search_backends``) selects this backend.

The Elasticsearch of Maven Central (the integ-test zip, ``.ci/elasticsearch.sh``) has
no ``analysis-common`` module: no elision, stemmer, Arabic or ASCII-folding filter, no
``whitespace`` *tokenizer* for a custom analyzer, no ``edge_ngram``.  So, as the
SQLite and PostgreSQL backends do, ``search.analysis`` runs in Python on both sides
and the engine only splits on spaces with its pre-built ``whitespace`` analyzer:

* **Index.** Every ``text`` field of the mapping (``_all_text`` and the boost fields
  included) is mapped with ``analyzer: whitespace``, and the document sends
  ``analyse_to_string()`` of each full-text value, so ``copy_to`` copies analysed
  text too.  Autocomplete fields (``AutocompleteField``, ``_edgengrams``) send the
  edge n-grams (1..15 characters, plus the whole term) of ``autocomplete_text()``:
  stems *and* unstemmed words, as the database backends index them.
* **Query.** ``PlainText``, ``Phrase`` and ``Fuzzy`` reach upstream's compilers with
  their text analysed (``query_terms``); the autocomplete compiler lets the last word
  match its stem or its unstemmed form (``boolean_query``'s prefix rule).
* **No root endpoint.** This distribution answers ``GET /`` with 405: nothing here
  calls ``info()``; ``search.health`` and ``search.healing`` ask ``/_cluster/health``.

Everything else — resilience, kept writes, the alias, the rebuild client, ranked ids —
is the engine backend's (``search.backends.engine``).
"""

from __future__ import annotations

from copy import copy
from functools import cached_property

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchQueryCompiler,
)

from search.analysis import analyse_to_string, normalise

from . import _WORD_RE, autocomplete_text, query_terms
from .engine import Elasticsearch8Backend, ElasticsearchMapping

__all__ = ["AnalysingElasticsearchBackend", "edge_ngrams"]

ANALYZER = "whitespace"  # pre-built, in the server itself
MAX_GRAM = 15  # as search.engine_settings' edge_ngram filter
_UPSTREAM_AUTOCOMPLETE = Elasticsearch8Mapping.edgengram_analyzer_config["analyzer"]


def edge_ngrams(text: str) -> str:
    """The prefixes (1..MAX_GRAM characters) of each term of ``text``, and the term."""
    grams = {}
    for term in text.split():
        for end in range(1, min(len(term), MAX_GRAM) + 1):
            grams[term[:end]] = None
        grams[term] = None
    return " ".join(grams)


def _apply(value, function):
    """``function`` on a string or on each string of a list; other values as is."""
    if isinstance(value, str):
        return function(value)
    if isinstance(value, list):
        return [_apply(item, function) for item in value]
    return value


def _analyse_fields(document: dict, properties: dict) -> dict:
    """Replace the text values of ``document`` (nested documents too) by what the
    engine must index: analysed terms, or edge n-grams for autocomplete fields."""
    for name, field in properties.items():
        if document.get(name) is None:
            continue
        if field.get("type") == "nested":
            value = document[name]
            nested = value if isinstance(value, list) else [value]
            for item in nested:
                _analyse_fields(item, field["properties"])
        elif field.get("type") == "text":
            autocomplete = field.get("analyzer") == _UPSTREAM_AUTOCOMPLETE
            function = autocomplete_grams if autocomplete else analyse_to_string
            document[name] = _apply(document[name], function)
    return document


def autocomplete_grams(text: str) -> str:
    return edge_ngrams(autocomplete_text(text))


def _whitespace_everywhere(properties: dict) -> dict:
    for field in properties.values():
        if field.get("type") == "nested":
            _whitespace_everywhere(field["properties"])
        elif field.get("type") == "text":
            field["analyzer"] = field["search_analyzer"] = ANALYZER
    return properties


class AnalysingMapping(ElasticsearchMapping):
    @cached_property
    def _upstream_properties(self) -> dict:
        return super().get_mapping()["properties"]

    def get_mapping(self):
        mapping = super().get_mapping()
        _whitespace_everywhere(mapping["properties"])
        return mapping

    def get_document(self, obj):
        return _analyse_fields(super().get_document(obj), self._upstream_properties)


def _analysed(query, text: str):
    analysed = copy(query)
    analysed.query_string = text
    return analysed


class AnalysingQueryMixin:
    """Upstream's query compilers, fed with analysed text."""

    mapping_class = AnalysingMapping

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        text = " ".join(query_terms(query.query_string))
        return super()._compile_plaintext_query(_analysed(query, text), fields, boost)

    def _compile_phrase_query(self, query, fields):
        text = " ".join(query_terms(query.query_string))
        return super()._compile_phrase_query(_analysed(query, text), fields)

    def _compile_fuzzy_query(self, query, fields):
        text = " ".join(query_terms(query.query_string))
        return super()._compile_fuzzy_query(_analysed(query, text), fields)


class AnalysingSearchQueryCompiler(
    AnalysingQueryMixin, Elasticsearch8SearchQueryCompiler
):
    pass


class AnalysingAutocompleteQueryCompiler(
    AnalysingQueryMixin, Elasticsearch8AutocompleteQueryCompiler
):
    def _compile_plaintext_query(self, query, fields, boost=1.0):
        """The last word matches its stem or its unstemmed form ("formati" is a
        prefix of the word "formation", not of its stem "form")."""
        terms = query_terms(query.query_string)
        words = _WORD_RE.findall(normalise(query.query_string))
        compile_ = super(AnalysingQueryMixin, self)._compile_plaintext_query
        if not terms or not words or words[-1] == terms[-1]:
            return compile_(_analysed(query, " ".join(terms)), fields, boost)
        last_forms = [terms, [*terms[:-1], words[-1]]]
        return {
            "bool": {
                "should": [
                    compile_(_analysed(query, " ".join(form)), fields, boost)
                    for form in last_forms
                ],
                "minimum_should_match": 1,
            }
        }


class AnalysingElasticsearchBackend(Elasticsearch8Backend):
    mapping_class = AnalysingMapping
    query_compiler_class = AnalysingSearchQueryCompiler
    autocomplete_query_compiler_class = AnalysingAutocompleteQueryCompiler
    # No analysis settings at all: every analyzer modelsearch defines needs
    # analysis-common. INDEX_SETTINGS still merges on top.
    settings = {"settings": {}}


SearchBackend = AnalysingElasticsearchBackend
