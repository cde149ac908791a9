"""The search page of each language (/fr/search/, /ar/search/).

This is the basic page of the foundation: current-language search over practices,
templates and training modules. Facets and the French/Arabic analysis chain come
with the search issue.
"""

import logging

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from practices.models import PracticePage, TemplatePage, TrainingPage

logger = logging.getLogger(__name__)
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


# Query-syntax characters of the FTS engines: a stray quote or bracket typed by a
# visitor must search for words, not fail as a malformed expression.
SYNTAX_CHARACTERS = str.maketrans(dict.fromkeys('"*^:(){}[]+\\<>~|&!', " "))


def clean_query(raw):
    """Strip what no search engine should see: control and query-syntax characters."""
    text = "".join(ch for ch in raw if ch.isprintable() or ch.isspace())
    text = text.translate(SYNTAX_CHARACTERS)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results, error = [], None
    if query:
        pages = (
            Page.objects.live()
            .type(PracticePage, TemplatePage, TrainingPage)
            .filter(locale=Locale.get_active())
        )
        try:
            results = list(pages.search(query, operator="and").results()[:200])
        except Exception:
            logger.exception("Search failed for %r", query)
            error = _(
                "La recherche est momentanément indisponible. Réessayez plus tard."
            )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    specific = {
        p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in page]).specific()
    }
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_obj": page,
            "results": [specific[p.pk] for p in page if p.pk in specific],
            "result_count": len(results),
            "error": error,
        },
    )
