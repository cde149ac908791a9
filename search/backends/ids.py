"""Ranked ids without loading objects, on every backend.

The search service only needs the primary keys of the ranked matches (the facet
index filters and counts them; only the requested page is loaded), but a modelsearch
results object turns every match into a model instance: on PostgreSQL up to 10,000
``Page`` rows, on the engines one scroll request of 100 hits plus one database query
per 100 hits.

``ranked_pks(results)`` asks the results object for its pks when it can answer
without loading objects — our results classes have a ``pks()`` method:

* SQLite (``sqlite_ranking.py``): the scores of one ``MATCH``, the queryset's filters
  applied with ``values_list("pk")``;
* PostgreSQL (``postgres.py``): upstream's ranked queryset as one
  ``values_list("pk")`` query;
* OpenSearch/Elasticsearch (``engine.py``): one search request for ids only
  (no ``_source``, no stored fields, ``pk`` read from doc values).

Any other results object (modelsearch's own backends, ``EmptySearchResults``) is
iterated as before and its objects' pks are returned.
"""

from __future__ import annotations

__all__ = ["ranked_pks"]


def ranked_pks(results) -> list:
    """The pks of ``results`` (a modelsearch results object, sliced as wanted), in
    ranking order."""
    pks = getattr(results, "pks", None)
    if callable(pks):
        return list(pks())
    return [obj.pk for obj in results]
