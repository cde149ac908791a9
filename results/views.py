"""« Les résultats en chiffres »: the dashboard and its tables as CSV."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi

from . import charts, tables
from .csv_export import table_csv
from .figures import figures_for


def _tables(request):
    return tables.build(figures_for(request.user, get_language()))


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
