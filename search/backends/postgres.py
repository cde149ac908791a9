"""modelsearch's PostgreSQL backend with our French+Arabic analysis.

Overrides, in ``modelsearch/backends/database/postgres/postgres.py`` (modelsearch
1.3.2):

* ``ObjectIndexer.as_vector``: each text becomes ``analyse_to_string()`` of it
  (autocomplete: ``autocomplete_text``) before ``to_tsvector``.  ``title_text`` /
  ``body_text`` (upstream: raw, for ``Fuzzy`` trigram queries, which the site does
  not run) hold the analysed title and ``field_ranking.zoned_body``, which
  ``pks()`` reads to order the first matches.
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
from django.utils.functional import cached_property
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
from .field_ranking import (
    RERANKED,
    index_texts,
    indexed_body,
    is_ranked_search,
    query_terms,
    reranked,
)

# to_tsquery syntax: 'term', 'term':* for a prefix.
TSQUERY = Syntax(term="'%s'", prefix="'%s':*", and_=" & ", or_=" | ")


class AnalysingObjectIndexer(upstream.ObjectIndexer):
    @cached_property
    def title_text(self):
        return analyse_to_string(upstream.ObjectIndexer.title_text.real_func(self))

    @cached_property
    def body_text(self):
        """The analysed body in zones (summary, body, attachments) for
        ``field_ranking``."""
        return indexed_body(self)

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
        """The ranked pks (``search.backends.ids``): upstream's ranked queryset as
        one ``values_list`` query, no object built, in ``field_ranking``'s order
        (which reorders the first ``RERANKED``, so those are read unsliced)."""
        compiler = self.query_compiler
        query = compiler.query
        by_fields = (
            compiler.order_by_relevance
            and not compiler.LAST_TERM_IS_PREFIX
            and is_ranked_search(query)
        )
        start, stop = self.start, self.stop
        if by_fields and start < RERANKED:
            self.start, self.stop = 0, max(stop or 0, RERANKED) if stop else None
        try:
            pks = list(self.get_queryset().values_list("pk", flat=True))
        except ProgrammingError as error:
            self._handle_missing_postgres_extension(error)
        finally:
            self.start, self.stop = start, stop
        if not by_fields or start >= RERANKED:
            return pks
        texts = index_texts(compiler.queryset.model, "title_text", "body_text")
        ranked = reranked(pks, query_terms(query), texts)
        return ranked[start:stop]


class AnalysingPostgresSearchBackend(upstream.PostgresSearchBackend):
    results_class = AnalysingPostgresSearchResults
    query_compiler_class = AnalysingPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = AnalysingPostgresAutocompleteQueryCompiler
    index_class = AnalysingPostgresIndex

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})


SearchBackend = AnalysingPostgresSearchBackend
