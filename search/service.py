"""One search, shared by the page and the API: rank, filter, count, paginate, load.

The engine (via ``run_search``) only ranks ids: ``ids_only``, no object is built
for the up to ``MAX_RESULTS`` matches (``search.backends.ids``). The facet index
keeps the ids of live hub pages, filters and counts them, so facets mean the same
on every backend; only the pages of the requested page are loaded, one query per
page type, so the query count does not grow with the number of matches.

The facet index is per process and may be minutes old here (``facets.MAX_AGE``)
when a page was restricted or unpublished by another process, or by a write
that sent no signal. So what is *shown* never trusts it: the pages of the
requested page, and the translations beside them, are loaded only if they are
live and visible to the viewer now (``hub.visibility.visible_pages``: an ``Exists`` in
the same query, no query of its own). The count, the facets and the page count
stay the index's — approximate until it refreshes: a page may then hold one
result fewer than counted, never one it should not show.

Only engine trouble is "degraded": ``run_search`` answers it from the database,
and an engine transport error or timeout that still reaches this module
(``TRANSPORT_ERRORS``) gives an empty answer flagged ``failed``/``degraded``. Any
other exception is a bug and raises (a 500, logged by Django), never shown to
visitors and API clients as a degraded search.
"""

import logging
from dataclasses import dataclass, field

from django.utils.translation import get_language
from wagtail.models import Page

from hub.visibility import visible_pages
from practices import content_types

from . import facets, glossary, highlight, script, visibility
from .analysis import analyse
from .backends.engine import TRANSPORT_ERRORS
from .resilience import run_search

logger = logging.getLogger(__name__)
# Ranked ids asked from the engine; beyond this, nobody pages through results.
MAX_RESULTS = 10_000


@dataclass
class Result:
    """A result as shown: the specific page plus what the index knows about it."""

    page: Page
    entry: facets.Entry
    url: str
    title_html: str
    snippet: highlight.Snippet
    translations: list = field(default_factory=list)  # [(Entry, url)]

    @property
    def direction(self):
        return "rtl" if self.entry.language == "ar" else "ltr"


@dataclass
class SearchResponse:
    params: object
    results: list
    count: int
    page: int
    num_pages: int
    facets: dict
    labels: dict
    backend: str = "database"
    degraded: bool = False
    failed: bool = False  # the engine failed at transport level: empty, say so
    related_tags: list = field(default_factory=list)  # [(slug, count)] if no results
    # The language asked for when the answer searched every language instead
    # (``bridge``): the query was in the other script, or found nothing in it.
    bridged_from: str = ""
    all_languages_tried: bool = False


def run(params, http_request=None, clamp_page=False, user=None, bridge=False):
    """Search as ``params`` say. ``clamp_page``: a page beyond the last one shows
    the last one (the HTML page) instead of no results (the API). ``user``: who
    is looking — private pages they may not see are left out of everything
    (``visibility``); None is an anonymous visitor.

    ``bridge``: language is a bridge, not a wall. A query searched in one
    language searches every language (glossary included, ``search.glossary``)
    when it finds nothing in its own, or at once when it is written in the
    other language's script and its language is the interface's (not chosen);
    ``response.params`` is then the search that ran (``lang="all"``) and
    ``response.bridged_from`` the language asked for."""
    if bridge and params.q and params.lang != "all":
        # The script decides only for the interface's own language: a visitor
        # who chose the other language explicitly gets it first.
        written_in = script.language_of(params.q)
        crossing = written_in not in (None, params.lang)
        own = None
        if not crossing or params.lang != get_language():
            own = _run(params, http_request, clamp_page, user)
            if own.count or own.failed:
                return own
        crossed = _run(params.replace(lang="all"), http_request, clamp_page, user)
        if crossed.count:
            crossed.bridged_from = params.lang
            return crossed
        # Nothing in any language: the own language's "no results" page,
        # which then does not suggest every language (tried).
        own = own or _run(params, http_request, clamp_page, user)
        own.all_languages_tried = True
        return own
    return _run(params, http_request, clamp_page, user)


def _run(params, http_request, clamp_page, user):
    index = visibility.for_viewer(facets.get_index(), user)
    response = SearchResponse(params, [], 0, params.page, 1, {}, {})
    ids = index.filter(_ranked_ids(params, index, response), params.filters)
    if params.lang == "all":
        ids = index.one_per_translation(ids, get_language())
    if params.q and params.sort == "date":
        ids = index.by_date(ids)
    response.count = len(ids)
    response.facets = index.count(ids)
    page_ids = _paginate(ids, response, clamp_page)
    response.results = _results(page_ids, index, params, http_request, user)
    if not ids:
        response.related_tags = related_tags(index, params.lang)
    response.labels = _labels(index, response)
    return response


def _labels(index, response):
    """The index's labels, with the names of only the tags this answer counts:
    a free tag may be used on private pages alone, and its name must not show
    (as an active filter's label, say) to a viewer who may not see them."""
    labels = facets.labels(index, get_language())
    shown = set(response.facets.get("tag", ()))
    shown.update(slug for slug, _count in response.related_tags)
    tags = {slug: name for slug, name in labels["tag"].items() if slug in shown}
    return {**labels, "tag": tags}


def _paginate(ids, response, clamp_page):
    """The ids of the requested page; sets the page number and page count."""
    size = response.params.page_size
    response.num_pages = max(1, -(-len(ids) // size))
    if clamp_page:
        response.page = min(response.page, response.num_pages)
    start = (response.page - 1) * size
    return ids[start : start + size]


def _ranked_ids(params, index, response):
    """Ids in ranking order; browsing (no query) lists the scope newest first."""
    if not params.q:
        return index.in_scope(params.lang)
    if not analyse(params.q):
        return []  # only punctuation: nothing any engine could match
    queryset = Page.objects.live().type(*content_types.models()).only("id")
    if params.lang != "all":
        if params.lang not in index.locale_ids:
            return []
        queryset = queryset.filter(locale_id=index.locale_ids[params.lang])
    # "All languages": the query OR its glossary translation (search.glossary).
    search = glossary.expanding(run_search) if params.lang == "all" else run_search
    try:
        results, response.backend, response.degraded = search(
            queryset,
            params.q,
            operator="and",
            order_by_relevance=params.sort == "relevance",
            limit=MAX_RESULTS,
            ids_only=True,
        )
        return list(results[:MAX_RESULTS])
    except TRANSPORT_ERRORS:  # anything else is a bug: let it raise
        logger.exception("Search failed for %r", params.q)
        response.failed = response.degraded = True
        return []


def _results(page_ids, index, params, http_request, user):
    """Load the pages of ``page_ids`` (and their translations, in "all" mode) with
    one query per page type, and build each result."""
    wanted = {page_id: [] for page_id in page_ids}
    if params.lang == "all":
        for page_id in page_ids:
            wanted[page_id] = index.other_languages(page_id)
    pages = _load(
        index, [*wanted, *(e.id for others in wanted.values() for e in others)], user
    )
    terms = highlight.query_terms(params.q)
    results = []
    for page_id, others in wanted.items():
        page = pages.get(page_id)
        if page is None:  # unpublished or restricted since the index was read
            continue
        result = _result(page, index.entries[page_id], terms, http_request)
        result.translations = [
            (e, pages[e.id].get_url(http_request)) for e in others if e.id in pages
        ]
        results.append(result)
    return results


def _load(index, ids, user):
    """The pages of ``ids`` that are live and that ``user`` may see *now* (the
    database decides, whatever the index says), by id."""
    by_type = {}
    for page_id in ids:
        by_type.setdefault(index.entries[page_id].type, []).append(page_id)
    pages = {}
    for page_type, type_ids in by_type.items():
        model = content_types.get(page_type).model
        pages.update(visible_pages(model.objects.live(), user).in_bulk(type_ids))
    return pages


def _result(page, entry, terms, http_request):
    texts = [page.summary, highlight.stream_text(list(page.body.raw_data))]
    return Result(
        page=page,
        entry=entry,
        url=page.get_url(http_request),
        title_html=highlight.mark_all(page.title, terms),
        snippet=highlight.snippet(texts, terms),
    )


def related_tags(index, lang, limit=8):
    """The most common tags in the language scope: what to try when nothing
    matched."""
    counts = index.count(index.in_scope(lang))["tag"]
    return list(counts.items())[:limit]
