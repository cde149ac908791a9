"""Relevance ordering for SQLite FTS5 in one MATCH instead of one per result.

Upstream (modelsearch 1.3.2, ``SQLiteSearchQueryCompiler.search`` in
``modelsearch/backends/database/sqlite/sqlite.py``) orders by relevance through a
correlated scalar subquery that re-runs the FTS ``MATCH`` for every matching row: a
word found in 2,000 of 10,000 practices took 2–10 s. Here the scores of all matches
are read with one ``MATCH``, the queryset's own filters (locale, type, live) are
applied while loading the matching objects, and the ranking is sorted in Python.

``search(..., pks_only=True)`` (what ``PksSearchResultsMixin.pks()`` asks, see
``search.backends.ids``) ranks the same way but returns the pks only: the filters
are applied with ``values_list("pk")`` and no object is built.
"""

from modelsearch.backends.database.sqlite import sqlite as upstream
from modelsearch.backends.database.sqlite.query import normalize
from modelsearch.query import MatchAll, Not

from .field_ranking import index_texts, is_ranked_search, query_terms, reranked

CHUNK = 900  # below SQLite's smallest bound-parameter limit (999)


class RankedResults(list):
    """The page of ranked results; ``count()`` without argument is its length, as
    upstream's results class calls it on what ``search`` returns."""

    def count(self, *args):
        return super().count(*args) if args else len(self)


class OneMatchRankingMixin:
    def search(self, config, start, stop, score_field=None, pks_only=False):
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            found = super().search(config, start, stop, score_field=score_field)
            return found.values_list("pk", flat=True) if pks_only else found
        scores = self._scores(query, config)
        if start is None and stop is None and score_field is None and not pks_only:
            # Upstream's facet() (the admin's page search) wants a queryset of
            # every match to group; order does not matter there.
            return self.queryset.filter(pk__in=list(self._pks_in_scope(scores)))
        if pks_only:
            kept = self._pks_in_scope(scores)
            ranked = sorted(kept, key=lambda pk: (scores[pk], -pk))
            return self._by_fields(query, ranked)[start:stop]
        objects = {o.pk: o for o in self._in_scope(scores)}
        ranked = sorted(objects, key=lambda pk: (scores[pk], -pk))
        ranked = [objects[pk] for pk in self._by_fields(query, ranked)]
        results = RankedResults(ranked[start:stop])
        if score_field:
            for obj in results:
                setattr(obj, score_field, scores[obj.pk])
        return results

    def _by_fields(self, query, ranked_pks):
        """The search's order (``field_ranking``); autocomplete keeps bm25's."""
        if self.LAST_TERM_IS_PREFIX or not is_ranked_search(query):
            return ranked_pks
        texts = index_texts(self.queryset.model, "title", "body")
        return reranked(ranked_pks, query_terms(query), texts)

    def _scores(self, query, config):
        """{pk: score} of every indexed object of the model that matches."""
        match = upstream.MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS,
            self.build_search_query(query, config=config),
        )
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        content_types = upstream.get_descendants_content_types_pks(self.queryset.model)
        rows = (
            upstream.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=content_types)
            .annotate(score=rank)
            .values_list("index_entry__object_id", "score")
        )
        to_pk = self.queryset.model._meta.pk.to_python
        scores = {}
        for object_id, score in rows:
            pk = to_pk(object_id)
            scores[pk] = min(score, scores.get(pk, score))
        return scores

    def _in_scope(self, scores):
        """The matching objects that the caller's queryset (its filters) keeps: one
        query per 900 matches."""
        pks = list(scores)
        kept = []
        for start in range(0, len(pks), CHUNK):
            kept.extend(self.queryset.filter(pk__in=pks[start : start + CHUNK]))
        return kept

    def _pks_in_scope(self, scores):
        """The pks of ``_in_scope(scores)``, without building the objects."""
        pks = list(scores)
        kept = []
        for start in range(0, len(pks), CHUNK):
            chunk = self.queryset.filter(pk__in=pks[start : start + CHUNK])
            kept.extend(chunk.values_list("pk", flat=True))
        return kept


class PksSearchResultsMixin:
    """``pks()``: the ranked pks of these results (see ``search.backends.ids``)."""

    def pks(self):
        found = self.query_compiler.search(
            self.query_compiler.get_config(self.backend),
            self.start,
            self.stop,
            pks_only=True,
        )
        return list(found)
