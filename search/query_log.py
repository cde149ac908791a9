"""The coordination's view of what agents search (``SearchQueryDay``).

``record(query_string, language, found)`` counts one search of the (normalised)
query in an interface language on today's row, and one miss when it found
nothing. Called by ``promotions.record_hit``, after its filters (no empty,
hostile or repeated query); nothing about who searched is stored.

``month_report(month, language)``: the most frequent queries and the queries
with no result of a month, read by the admin report (``query_report``).
"""

import datetime

from django.db.models import F, Sum
from django.utils import timezone

from .models import SearchQueryDay

ROWS = 25  # per table: the head of the list is what the coordination acts on


def record(query_string, language, found):
    key = {"query_string": query_string, "language": language}
    key["day"] = timezone.localdate()
    counts = {"hits": F("hits") + 1, "misses": F("misses") + (0 if found else 1)}
    # One query on the search's path once the day's row exists; the first
    # search of the day creates it (get_or_create: a concurrent one gets it).
    if not SearchQueryDay.objects.filter(**key).update(**counts):
        SearchQueryDay.objects.get_or_create(**key)
        SearchQueryDay.objects.filter(**key).update(**counts)


def months():
    """The first day of each month that has searches, newest first."""
    return list(SearchQueryDay.objects.dates("day", "month", order="DESC"))


def month_report(month, language):
    """``(frequent, missing)`` for ``month`` (its first day) and ``language``:
    lists of ``{"query", "hits", "misses"}``, most searched first."""
    end = (month + datetime.timedelta(days=32)).replace(day=1)
    rows = (
        SearchQueryDay.objects.filter(language=language, day__gte=month, day__lt=end)
        .values("query_string")
        .annotate(total=Sum("hits"), missed=Sum("misses"))
    )
    frequent = rows.order_by("-total", "query_string")[:ROWS]
    missing = rows.filter(missed__gt=0).order_by("-missed", "query_string")[:ROWS]
    return [_row(r) for r in frequent], [_row(r) for r in missing]


def _row(row):
    return {"query": row["query_string"], "hits": row["total"], "misses": row["missed"]}
