"""Adopt-and-adapt lineage of the API's results: ``adapted_from`` (the original
fiche, or null) and ``adapted_by`` (its live adaptations), for the viewer.

Read for a whole page of results in one query (``practices.adaptation.lineage``),
so the query count does not grow with the results; templates and training
modules have no lineage (null and []).
"""

from practices.adaptation.lineage import Lineage, lineages


def add_lineage(entries, results, request):
    """Add ``adapted_from`` and ``adapted_by`` to each serialised result of
    ``entries`` (in the order of ``results``)."""
    user = getattr(request, "user", None)
    found = lineages([r.page for r in results], user=user, request=request)
    for entry, result in zip(entries, results, strict=True):
        lineage = found.get(result.page.pk, Lineage())
        origin = lineage.adapted_from
        entry["adapted_from"] = origin.as_json() if origin else None
        entry["adapted_by"] = [link.as_json() for link in lineage.adapted_by]
    return entries
