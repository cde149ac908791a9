"""``/<lang>/donnees/``: the open data page, its downloads (CSV and JSON of each
dataset in the page's language) and the DCAT-AP description national portals
harvest (``catalogue.jsonld``)."""

import csv
import io
import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .catalogue import catalogue
from .datasets import DATASETS
from .models import OpenDataSettings

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@require_GET
def index(request):
    settings = OpenDataSettings.load(request_or_site=request)
    datasets = [
        {
            "name": name,
            **dataset,
            "columns": list(dataset["columns"].items()),
            "links": {
                fmt: reverse("opendata:download", args=(name, fmt)) for fmt in FORMATS
            },
        }
        for name, dataset in DATASETS.items()
    ]
    return render(
        request,
        "opendata/index.html",
        {"datasets": datasets, "settings": settings},
    )


@require_GET
def download(request, name, fmt):
    dataset = DATASETS.get(name)
    if dataset is None or fmt not in FORMATS:
        raise Http404("no such dataset")
    locale = Locale.objects.get(language_code=get_language())
    rows = list(dataset["rows"](locale, request))
    filename = f"passerelle-{name}-{locale.language_code}.{fmt}"
    if fmt == "json":
        response = JsonResponse(
            {"licence": _licence(request), "items": rows},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        out = io.StringIO()
        # A byte-order mark: Excel, which most communes open it with, then
        # reads the Arabic and the accents as UTF-8.
        out.write("\ufeff")
        writer = csv.DictWriter(out, fieldnames=list(dataset["columns"]))
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type=FORMATS["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # public data, read by any site
    return response


@require_GET
def catalogue_view(request):
    data = catalogue(request, OpenDataSettings.load(request_or_site=request))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _licence(request):
    settings = OpenDataSettings.load(request_or_site=request)
    return {"name": str(settings.licence_label), "url": settings.licence_url}
