"""``GET /api/search/autocomplete/?q=…&lang=fr|ar|all``: title suggestions as JSON.

Used by ``static/search/autocomplete.js`` while a visitor types; documented in
``openapi.py``. Titles only (the pages' ``AutocompleteField``), of live practice,
template and training pages the visitor may see (``visibility``), in the language
scope (``all``: each page once, preferring the request's language). Under
``MIN_LENGTH`` characters, or when no searchable word is left, the list is empty.
Like ``/api/search/``: outside ``i18n_patterns``, cacheable for a minute (publicly
for anonymous visitors only), 400 (JSON) on a bad ``lang``, and never a 5xx —
engine trouble answers from the database (``run_search``), anything else answers
an empty list.
"""

import logging

from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page

from . import facets, visibility
from .analysis import analyse
from .facets import PAGE_MODELS
from .params import LANGUAGES, clean_query
from .resilience import run_search

logger = logging.getLogger(__name__)

MIN_LENGTH = 2
MAX_SUGGESTIONS = 8
# Asked from the engine: room for restricted pages and translations left out.
CANDIDATES = 4 * MAX_SUGGESTIONS
CACHE_SECONDS = 60
_UNICODE = {"ensure_ascii": False}


@require_safe
def autocomplete(request):
    lang = request.GET.get("lang", "").strip()
    language = lang if lang in ("fr", "ar") else translation.get_language()
    with translation.override(language):
        if lang and lang not in LANGUAGES:
            message = _(
                "Valeur non valide pour « %(name)s » : choisissez %(choices)s."
            ) % {"name": "lang", "choices": ", ".join(LANGUAGES)}
            return JsonResponse(
                {"error": message, "parameter": "lang"},
                status=400,
                json_dumps_params=_UNICODE,
            )
        query = clean_query(request.GET.get("q", ""))
        data = {
            "query": query,
            "suggestions": suggest(query, lang or language, request),
        }
        response = JsonResponse(data, json_dumps_params=_UNICODE)
    # A logged-in user may be offered private titles: never in a shared cache.
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    else:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def suggest(query, lang, http_request=None):
    """Up to ``MAX_SUGGESTIONS`` ``{title, url, type, language}`` whose title has a
    word starting with the last word of ``query`` (and the other words)."""
    if len(query) < MIN_LENGTH:
        return []
    try:
        if not analyse(query):
            return []
        return _suggest(query, lang, http_request)
    except Exception:
        logger.exception("Autocomplete failed for %r", query)
        return []


def _suggest(query, lang, http_request):
    viewer = getattr(http_request, "user", None)
    index = visibility.for_viewer(facets.get_index(), viewer)
    pages = Page.objects.live().type(*PAGE_MODELS).only("id", "title", "url_path")
    if lang != "all":
        if lang not in index.locale_ids:
            return []
        pages = pages.filter(locale_id=index.locale_ids[lang])
    found, _backend, _degraded = run_search(
        pages, query, operator="and", autocomplete=True, limit=CANDIDATES
    )
    # The facet index holds the live hub pages; ``shows`` leaves out the private
    # ones this visitor may not see: nothing else leaks.
    by_id = {page.pk: page for page in found if index.shows(page.pk)}
    ids = list(by_id)
    if lang == "all":
        ids = index.one_per_translation(ids, translation.get_language())
    suggestions = []
    for page_id in ids:
        url = by_id[page_id].get_url(http_request)
        if url is None:
            continue
        entry = index.entries[page_id]
        suggestions.append(
            {
                "title": by_id[page_id].title,
                "url": url,
                "type": entry.type,
                "language": entry.language,
            }
        )
        if len(suggestions) == MAX_SUGGESTIONS:
            break
    return suggestions
