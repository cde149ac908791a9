"""``GET /api/search/``: the search page's results as JSON (schema: ``openapi.py``).

Parameters are checked strictly against the OpenAPI document (``api_params``):
anything it does not allow answers a JSON 400 naming the parameter; methods
other than GET and HEAD answer a JSON 405 (``json_api``).
Outside ``i18n_patterns``: the content language is the explicit ``lang`` parameter,
so one URL always answers the same and may be cached briefly by anyone — for
anonymous visitors; a logged-in user's answer may hold private pages
(``visibility``) and is marked private. Error messages follow ``lang`` when it
is valid, else the request's negotiated language.
The editors' promoted pages for the query come in ``promoted`` and each search counts
a hit for the query statistics (``promotions.py``). Title suggestions while typing:
``autocomplete.py`` (``/api/search/autocomplete/``).
"""

from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import api_params, promotions, read_api_openapi, service
from .json_api import UNICODE, error, read_only
from .lineage import add_lineage
from .openapi import parameters, schema
from .params import parse

CACHE_SECONDS = 60


@read_only
def search(request):
    lang = request.GET.get("lang", "")
    language = lang if lang in ("fr", "ar") else translation.get_language()
    with translation.override(language):
        # Strictly as documented (``api_params``); then the page's parser,
        # which has nothing left to drop or cut.
        errors = api_params.errors(request.GET, parameters())
        if errors:
            name, message = next(iter(errors.items()))
            return error(message, name)
        params, _errors = parse(request.GET, default_lang=language)
        response = service.run(params, http_request=request, user=request.user)
        promotions.record_hit(request, params, "api", language, response.count > 0)
        data = payload(response)
        add_lineage(data["results"], response.results, request)  # adopt and adapt
        data["promoted"] = _promoted(params, language, request)
        answer = JsonResponse(data, json_dumps_params=UNICODE)
        if response.degraded:
            # The database's fallback answer: no cache may keep it (search/views.py).
            add_never_cache_headers(answer)
            return answer
        return _cached(answer, personal=request.user.is_authenticated)


@read_only
def openapi(request):
    return _cached(JsonResponse(schema(), json_dumps_params=UNICODE))


@read_only
def read_api_document(request):
    """The read API's (``/api/v2/``) OpenAPI document."""
    document = read_api_openapi.schema()
    return _cached(JsonResponse(document, json_dumps_params=UNICODE))


def _cached(response, personal=False):
    """``personal``: the answer holds what only this user may see (private
    pages), so no shared cache may keep it."""
    if personal:
        patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    else:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def payload(response):
    params = response.params
    return {
        "query": params.q,
        "lang": params.lang,
        "count": response.count,
        "page": response.page,
        "page_size": params.page_size,
        "num_pages": response.num_pages,
        "results": [_result(r) for r in response.results],
        "facets": response.facets,
        "backend": response.backend,
        "degraded": response.degraded,
    }


def _promoted(params, language, request):
    """Editors' promoted pages for the query (first page only), in ``lang`` — the
    request's language when ``lang=all``."""
    if not params.q or params.page != 1:
        return []
    content_language = language if params.lang == "all" else params.lang
    found = promotions.promoted(params.q, content_language, request)
    return [promotion.as_json() for promotion in found]


def _result(result):
    entry = result.entry
    return {
        "ref": result.page.ref,
        "type": entry.type,
        "title": result.page.title,
        "url": result.url,
        "language": entry.language,
        "snippet": str(result.snippet.html),
        "tags": [{"slug": slug, "name": name} for slug, name in entry.tags],
        "translations": [
            {"language": other.language, "url": url}
            for other, url in result.translations
        ],
    }
