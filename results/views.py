"""« Les résultats en chiffres »: the dashboard and its tables as CSV."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi

from hub.content_version import cached
from hub.visibility import visibility_key

from . import charts, tables
from .csv_export import table_csv
from .figures import figures_for


def _tables(request):
    """The tables for this viewer, built once per content version, language
    and visibility class (``hub.visibility.visibility_key``: viewers with the
    same key pass the same restrictions), so a member never gets the
    anonymous figures nor an anonymous visitor a member's."""
    user = request.user
    return cached(
        request,
        "results",
        visibility_key(user),
        build=lambda: tables.build(figures_for(user, get_language())),
    )


def dashboard(request):
    rtl = get_language_bidi()
    return render(
        request,
        "results/dashboard.html",
        {
            "title": tables.TITLE,
            "tables": [
                {
                    "table": table,
                    "chart": charts.chart(table, rtl=rtl),
                    "rows": [(row[0], table.values(row)) for row in table.rows],
                }
                for table in _tables(request)
            ],
        },
    )


def table_download(request, slug):
    table = next((t for t in _tables(request) if t.slug == slug), None)
    if table is None:
        raise Http404
    response = HttpResponse(
        table_csv(table).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{slug}-{get_language()}.csv"'
    )
    # Shared by anonymous visitors through hub.page_cache like the dashboard
    # (a member's response is private there): no header of its own.
    return response
