"""modelsearch's PostgreSQL backend with our French+Arabic analysis.

Overrides, in ``modelsearch/backends/database/postgres/postgres.py`` (modelsearch
1.3.2):

* ``ObjectIndexer.as_vector``: each text becomes ``analyse_to_string()`` of it
  (autocomplete: ``autocomplete_text``) before ``to_tsvector``.  ``title_text`` /
  ``body_text``, used only by ``Fuzzy`` (trigram) queries, stay raw.
  ``PostgresIndex.add_items`` hard-codes ``ObjectIndexer``, so our index uses a copy
  of that function bound to our indexer (``rebind_globals``), not a copy of its code.
* ``PostgresSearchQueryCompiler.build_tsquery_content``: ``PlainText`` becomes one
  raw ``to_tsquery`` of analysed terms, ``Phrase`` a ``phraseto_tsquery`` of analysed
  words; ``And``/``Or`` drop parts that analyse to nothing (upstream would combine
  ``None``) and keep upstream's De Morgan handling of ``Not``.
* ``build_tsrank`` scores an empty part 0, and ``search`` returns no results for a
  query with nothing left after analysis.
* ``PostgresSearchResults.pks()`` (added): the ranked pks in one
  ``values_list("pk")`` query, without loading objects (``search.backends.ids``).

``SEARCH_CONFIG`` should be ``simple`` (the default here): the stock ``french`` or
``arabic`` configurations would stem our already-stemmed terms again.  Known limit:
``search(fields=[…])`` makes upstream build vectors from the raw model columns
(``get_fields_vectors``), which are not analysed.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery
from django.db import ProgrammingError
from django.db.models import Value
from modelsearch.backends.database.postgres import postgres as upstream
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from search.analysis import analyse_to_string

from . import (
    Syntax,
    autocomplete_text,
    boolean_query,
    phrase_terms,
    rebind_globals,
)

# to_tsquery syntax: 'term', 'term':* for a prefix.
TSQUERY = Syntax(term="'%s'", prefix="'%s':*", and_=" & ", or_=" | ")


class AnalysingObjectIndexer(upstream.ObjectIndexer):
    def as_vector(self, texts, for_autocomplete=False):
        analysis = autocomplete_text if for_autocomplete else analyse_to_string
        texts = [(analysis(text), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)


class AnalysingPostgresIndex(upstream.PostgresIndex):
    add_items = rebind_globals(
        upstream.PostgresIndex.add_items, ObjectIndexer=AnalysingObjectIndexer
    )


class AnalysingQueryMixin:
    """Query-side analysis for the search and the autocomplete compilers."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            raw = boolean_query(
                query.query_string, query.operator, TSQUERY, self.LAST_TERM_IS_PREFIX
            )
            if raw is None:
                return None
            return SearchQuery(raw, search_type="raw", config=config, invert=invert)
        if isinstance(query, Phrase):
            words = phrase_terms(query.query_string)
            if not words:
                return None
            return SearchQuery(
                words, search_type="phrase", config=config, invert=invert
            )
        if isinstance(query, (And, Or)):
            parts = [
                part
                for part in (
                    self.build_tsquery_content(sub, config=config, invert=invert)
                    for sub in query.subqueries
                )
                if part is not None
            ]
            if not parts:
                return None
            # Not(And(a, b)) == Or(Not(a), Not(b)), as upstream does it.
            is_and = isinstance(query, And) != invert
            return reduce(and_ if is_and else or_, parts)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)) and (
            self.build_tsquery(query, config=config) is None
        ):
            return Value(0.0)
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def search(self, config, start, stop, score_field=None, backend=None):
        query = self.query.subquery if isinstance(self.query, Not) else self.query
        if not isinstance(query, (MatchAll, Fuzzy)) and (
            self.build_tsquery(self.query, config=config) is None
        ):
            return self.queryset.none()
        return super().search(
            config, start, stop, score_field=score_field, backend=backend
        )


class AnalysingPostgresSearchQueryCompiler(
    AnalysingQueryMixin, upstream.PostgresSearchQueryCompiler
):
    pass


class AnalysingPostgresAutocompleteQueryCompiler(
    AnalysingQueryMixin, upstream.PostgresAutocompleteQueryCompiler
):
    pass


class AnalysingPostgresSearchResults(upstream.PostgresSearchResults):
    def pks(self):
        """The ranked pks (``search.backends.ids``): upstream's ranked, sliced
        queryset as one ``values_list`` query, no object built."""
        try:
            return list(self.get_queryset().values_list("pk", flat=True))
        except ProgrammingError as error:
            self._handle_missing_postgres_extension(error)


class AnalysingPostgresSearchBackend(upstream.PostgresSearchBackend):
    results_class = AnalysingPostgresSearchResults
    query_compiler_class = AnalysingPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = AnalysingPostgresAutocompleteQueryCompiler
    index_class = AnalysingPostgresIndex

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})


SearchBackend = AnalysingPostgresSearchBackend
