"""modelsearch's SQLite FTS5 backend with our French+Arabic analysis.

Overrides, in ``modelsearch/backends/database/sqlite/sqlite.py`` (modelsearch 1.3.2):

* ``ObjectIndexer.title`` / ``body`` / ``autocomplete``: the text stored in the FTS5
  table becomes ``analyse_to_string()`` of it (autocomplete: ``autocomplete_text``;
  body: ``field_ranking.zoned_body``, its zones separated by ``|``).
  ``SQLiteIndex.add_items`` hard-codes ``ObjectIndexer``, so our index uses a copy of
  that function bound to our indexer (``rebind_globals``), not a copy of its code.
* ``SQLiteSearchQueryCompiler.build_search_query_content``: ``PlainText`` and
  ``Phrase`` are analysed; ``And``/``Or``/``AndNot`` drop parts that analyse to
  nothing (upstream would combine ``None``).  The rest of upstream's method only
  wires these together, so it is rewritten here rather than called.
* ``SQLiteSearchQueryCompiler.search``: a query with nothing left after analysis
  returns no results instead of building an empty (invalid) ``MATCH``; relevance
  ordering reads the scores in one ``MATCH`` (``sqlite_ranking.py``).
* ``SQLiteSearchResults.pks()`` (added): the ranked pks without loading objects
  (``search.backends.ids``).

The FTS5 table keeps its default ``unicode61`` tokenizer (created by modelsearch's
migration 0002): it splits *vocalised* Arabic at every haraka (category Mn), but our
analysed text has no harakat, no tatweel and only ``\\w`` tokens separated by spaces,
which ``unicode61`` keeps whole (checked with Arabic text in
``tests/test_search_backends.py``), so no ``tokenchars`` option is needed.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.db.models import Value
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite as upstream
from modelsearch.backends.database.sqlite.query import (
    AndNot,
    SearchQueryExpression,
    normalize,
)
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

from search.analysis import analyse_to_string

from . import (
    Syntax,
    autocomplete_text,
    boolean_query,
    phrase_terms,
    rebind_globals,
)
from .field_ranking import indexed_body
from .sqlite_ranking import OneMatchRankingMixin, PksSearchResultsMixin

# FTS5 query syntax: a quoted string is one term (or a phrase), "…"* a prefix.
FTS5 = Syntax(term='"%s"', prefix='"%s"*', and_=" AND ", or_=" OR ")


class AnalysingObjectIndexer(upstream.ObjectIndexer):
    """Indexes analysed text; upstream joins the field values, we analyse the join."""

    @cached_property
    def title(self):
        return analyse_to_string(upstream.ObjectIndexer.title.real_func(self))

    @cached_property
    def body(self):
        """The analysed body in zones (summary, body, attachments) for
        ``field_ranking``."""
        return indexed_body(self)

    @cached_property
    def autocomplete(self):
        return autocomplete_text(upstream.ObjectIndexer.autocomplete.real_func(self))


class AnalysingSQLiteIndex(upstream.SQLiteIndex):
    add_items = rebind_globals(
        upstream.SQLiteIndex.add_items, ObjectIndexer=AnalysingObjectIndexer
    )


class AnalysingQueryMixin:
    """Query-side analysis for the search and the autocomplete compilers."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            fts_query = boolean_query(
                query.query_string, query.operator, FTS5, self.LAST_TERM_IS_PREFIX
            )
            if fts_query is None:
                return None
            return SearchQueryExpression(Value(fts_query))
        if isinstance(query, Phrase):
            # A string is quoted as one FTS5 phrase by SearchQueryExpression.
            terms = phrase_terms(query.query_string)
            return SearchQueryExpression(terms) if terms else None
        if isinstance(query, (And, Or)):
            parts = [
                part
                for part in (
                    self.build_search_query_content(sub, config=config)
                    for sub in query.subqueries
                )
                if part is not None
            ]
            if not parts:
                return None
            return reduce(and_ if isinstance(query, And) else or_, parts)
        if isinstance(query, AndNot):
            kept = self.build_search_query_content(query.subquery_a, config=config)
            dropped = self.build_search_query_content(query.subquery_b, config=config)
            if kept is None or dropped is None:
                return kept
            return kept._combine(dropped, "NOT")
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None, pks_only=False):
        query = normalize(self.query)
        if isinstance(query, Not):
            query = query.subquery
        if not isinstance(query, MatchAll) and (
            self.build_search_query_content(query, config=config) is None
        ):
            return [] if pks_only else self.queryset.none()
        return super().search(
            config, start, stop, score_field=score_field, pks_only=pks_only
        )


class AnalysingSQLiteSearchQueryCompiler(
    AnalysingQueryMixin, OneMatchRankingMixin, upstream.SQLiteSearchQueryCompiler
):
    pass


class AnalysingSQLiteAutocompleteQueryCompiler(
    AnalysingQueryMixin,
    OneMatchRankingMixin,
    upstream.SQLiteAutocompleteQueryCompiler,
):
    pass


class AnalysingSQLiteSearchResults(PksSearchResultsMixin, upstream.SQLiteSearchResults):
    pass


class AnalysingSQLiteSearchBackend(upstream.SQLiteSearchBackend):
    results_class = AnalysingSQLiteSearchResults
    query_compiler_class = AnalysingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = AnalysingSQLiteAutocompleteQueryCompiler
    index_class = AnalysingSQLiteIndex


SearchBackend = AnalysingSQLiteSearchBackend
