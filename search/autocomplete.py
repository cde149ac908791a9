"""``GET /api/search/autocomplete/?q=…&lang=fr|ar|all``: title suggestions as JSON.

Used by ``static/search/autocomplete.js`` while a visitor types; documented in
``openapi.py``. Titles only (the pages' ``AutocompleteField``), of live practice,
template and training pages the visitor may see (``visibility``), in the language
scope (``all``: each page once, preferring the request's language). Under
``MIN_LENGTH`` characters, or when no searchable word is left, the list is empty.
Like ``/api/search/``: outside ``i18n_patterns``, cacheable for a minute (publicly
for anonymous visitors only), 400 (JSON) on a parameter its OpenAPI declaration
does not allow (``api_params``: a bad ``lang``, a ``q`` over 200 characters),
405 (JSON) on a method other than GET and HEAD. Engine trouble answers from the
database (``run_search``), or an empty list if a transport error still gets
through (``TRANSPORT_ERRORS``); any other exception is a bug and raises (a 500,
logged by Django).
"""

import logging

from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from hub.visibility import visible_pages
from practices import content_types

from . import api_params, facets, visibility
from .analysis import analyse
from .backends.engine import TRANSPORT_ERRORS
from .json_api import UNICODE, error, read_only
from .openapi import autocomplete_parameters
from .params import MAX_SUGGESTIONS, MIN_LENGTH, clean_query
from .resilience import run_search

logger = logging.getLogger(__name__)

# Asked from the engine: room for restricted pages and translations left out.
CANDIDATES = 4 * MAX_SUGGESTIONS
CACHE_SECONDS = 60


@read_only
def autocomplete(request):
    lang = request.GET.get("lang", "")
    language = lang if lang in ("fr", "ar") else translation.get_language()
    with translation.override(language):
        errors = api_params.errors(request.GET, autocomplete_parameters())
        if errors:
            name, message = next(iter(errors.items()))
            return error(message, name)
        query = clean_query(request.GET.get("q", ""))
        data = {
            "query": query,
            "suggestions": suggest(query, lang or language, request),
        }
        response = JsonResponse(data, json_dumps_params=UNICODE)
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
    if not analyse(query):
        return []
    try:
        return _suggest(query, lang, http_request)
    except TRANSPORT_ERRORS:  # anything else is a bug: let it raise
        logger.exception("Autocomplete failed for %r", query)
        return []


def _suggest(query, lang, http_request):
    viewer = getattr(http_request, "user", None)
    index = visibility.for_viewer(facets.get_index(), viewer)
    scope = Page.objects.live().type(*content_types.models())
    if lang != "all":
        if lang not in index.locale_ids:
            return []
        scope = scope.filter(locale_id=index.locale_ids[lang])
    ranked, _backend, _degraded = run_search(
        scope, query, operator="and", autocomplete=True, limit=CANDIDATES, ids_only=True
    )
    # The facet index leaves out the private pages this visitor may not see; but
    # it may be minutes old in this process (``search.service``), so the titles
    # are read only from pages that are live and visible to the visitor *now*.
    ids = [page_id for page_id in ranked if index.shows(page_id)]
    pages = visible_pages(Page.objects.live(), viewer).only("id", "title", "url_path")
    by_id = pages.in_bulk(ids)
    ids = [page_id for page_id in ids if page_id in by_id]
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
