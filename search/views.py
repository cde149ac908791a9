"""The search page of each language (/fr/search/, /ar/search/).

Server-rendered and complete without JavaScript: every filter, scope, sort and page
is a link that carries the whole search in its query string. Bad parameters never
make an error page: they are ignored and named in a notice.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from practices import facets as facet_table

from . import facets, promotions, service, spelling, visibility
from .params import FILTERS, SearchParams, parse

FILTER_LABELS = {name: facet_table.get(name).label for name in FILTERS}
# A result's language when it is not the interface's: « en arabe », « بالفرنسية ».
IN_LANGUAGE = {"fr": _("en français"), "ar": _("en arabe")}
# Options shown per filter; the rest stay reachable by narrowing the search.
MAX_OPTIONS = 12
# Fewer results than this: « Vouliez-vous dire… » if a word looks misspelt.
FEW_RESULTS = 3


def search(request):
    language = get_language()
    params, errors = parse(request.GET, default_lang=language)
    asked = params
    response = service.run(
        params, http_request=request, clamp_page=True, user=request.user, bridge=True
    )
    # When the search crossed to every language (a query in the other script,
    # or none found in this one), its links carry on in every language.
    params = response.params
    # Private results are only there for those who may see them: say so.
    restricted = visibility.restricted_ids(facets.get_index())
    promotions.record_hit(request, params, "page", language, response.count > 0)
    context = {
        "search_query": params.q,
        "params": params,
        "response": response,
        "notices": list(errors.values()),
        "bridged_from": response.bridged_from
        and _label(response, "language", response.bridged_from),
        "results": [
            {
                **_result_context(r, params, response, language),
                "private": r.entry.id in restricted,
            }
            for r in response.results
        ],
        "filter_groups": _filter_groups(params, response, language),
        "active_filters": _active_filters(params, response, language),
        "clear_filters_url": _url(params.replace(filters={}, page=1), language),
        "scopes": _scopes(params, language),
        "sorts": _sorts(params, language),
        "pagination": _pagination(params, response, language),
        "promotions": _promotions(params, response, language, request),
        "suggestion": _suggestion(asked, response, language),
    }
    if response.count == 0:
        context["related_tags"] = _related_tags(params, response, language)
        context["all_languages_url"] = _url(
            params.replace(lang="all", page=1), language
        )
    answer = render(request, "search/search.html", context)
    if response.degraded:
        # Answered by the database while the engine is away: never kept by the
        # page cache or a proxy, or visitors would still read this fallback
        # (and its notice) long after the engine is back.
        add_never_cache_headers(answer)
    return answer


def _promotions(params, response, language, request):
    """Editors' promoted pages for the query, above the results of the first page:
    in the searched language (the interface language when searching all)."""
    if not params.q or response.page != 1:
        return []
    content_language = language if params.lang == "all" else params.lang
    return [
        {"promotion": promotion, "type_label": _label(response, "type", promotion.type)}
        for promotion in promotions.promoted(params.q, content_language, request)
    ]


def _suggestion(asked, response, language):
    """« Vouliez-vous dire… » (``spelling``): the corrected query and its search,
    in the language asked, when the query found few results or none."""
    if not asked.q or response.count >= FEW_RESULTS or response.failed:
        return None
    text = spelling.suggest(asked.q)
    if not text:
        return None
    return {"text": text, "url": _url(asked.replace(q=text, page=1), language)}


def _url(params, language):
    return "?" + params.querystring(language)


def _label(response, name, value):
    return response.labels.get(name, {}).get(value, value)


def _result_context(result, params, response, language):
    """What one result card shows, with labels in the interface language."""
    entry = result.entry
    return {
        "result": result,
        "type_label": _label(response, "type", entry.type),
        "language_label": _label(response, "language", entry.language),
        "in_language": IN_LANGUAGE.get(entry.language, "")
        if entry.language != language
        else "",
        "tags": [
            {"name": name, "url": _url(params.with_filter("tag", slug), language)}
            for slug, name in entry.tags
        ],
        "translations": [
            {
                "code": other.language,
                "label": _label(response, "language", other.language),
                "url": url,
            }
            for other, url in result.translations
        ],
    }


def _filter_groups(params, response, language):
    """One group per filter: the values found in the current results, with the
    number of results each would leave (the filters combine with AND)."""
    groups = []
    for name in FILTERS:
        counts = list(response.facets.get(name, {}).items())[:MAX_OPTIONS]
        options = [
            _option(params, response, language, name, value, count)
            for value, count in counts
        ]
        if options:
            groups.append(
                {"name": name, "label": FILTER_LABELS[name], "options": options}
            )
    return groups


def _option(params, response, language, name, value, count):
    """A filter value: following its link adds it, or removes it when active."""
    active = value in params.filters.get(name, ())
    toggled = (
        params.without_filter(name, value)
        if active
        else params.with_filter(name, value)
    )
    return {
        "label": _label(response, name, value),
        "count": count,
        "active": active,
        "url": _url(toggled, language),
    }


def _active_filters(params, response, language):
    return [
        {
            "filter": FILTER_LABELS[name],
            "label": _label(response, name, value),
            "remove_url": _url(params.without_filter(name, value), language),
        }
        for name, values in params.filters.items()
        for value in values
    ]


def _scopes(params, language):
    scopes = [(language, _("Dans cette langue")), ("all", _("Toutes les langues"))]
    if params.lang not in (language, "all"):
        scopes.insert(1, (params.lang, _("Dans l'autre langue")))
    return [
        {
            "label": label,
            "active": params.lang == code,
            "url": _url(params.replace(lang=code, page=1), language),
        }
        for code, label in scopes
    ]


def _sorts(params, language):
    if not params.q:
        return []
    return [
        {
            "label": label,
            "active": params.sort == code,
            "url": _url(params.replace(sort=code, page=1), language),
        }
        for code, label in (("relevance", _("Pertinence")), ("date", _("Date")))
    ]


def _pagination(params, response, language):
    number = response.page
    return {
        "number": number,
        "total": response.num_pages,
        "previous": _url(params.replace(page=number - 1), language)
        if number > 1
        else None,
        "next": _url(params.replace(page=number + 1), language)
        if number < response.num_pages
        else None,
    }


def _related_tags(params, response, language):
    """The most common tags in the language scope, each a fresh search."""
    return [
        {
            "label": _label(response, "tag", slug),
            "count": count,
            "url": _url(
                SearchParams(lang=params.lang, filters={"tag": (slug,)}), language
            ),
        }
        for slug, count in response.related_tags
    ]
