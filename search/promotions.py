"""Editors' promoted results and query statistics (Wagtail search promotions).

* ``promoted(query, language, request)``: the pages editors promoted for ``query``
  (Wagtail's ``SearchPromotion`` of ``Query.get(query)``, set under Settings ›
  Promoted search results), in their order, keeping only live pages without a view
  restriction in ``language``. External-link promotions have no language and are
  not shown. Kept in Django's cache (no query on a warm search) under a key that
  changes when a page is published, unpublished, deleted or moved, or when a
  promotion is saved or deleted (deleting a query deletes its promotions); at most
  ``CACHE_SECONDS`` old in any case. What the cache holds is still checked when
  shown: the promoted pages that are no longer live or public in the database
  (changed by another process, or by a write that sent no signal) are left out —
  one query, only for a query that has promotions.
* ``record_hit(request, params, scope, language, found)``: one hit for a search on
  its ``QueryDailyHits`` (the "Search terms" report and the popularity of queries in
  the promotions admin) and on our per-language log, with whether it found anything
  (``query_log``: the coordination's report). Empty and hostile queries (as typed,
  ``?q=``) are not recorded (see ``is_recordable``); neither are later pages of a
  search nor the same search repeated by the same client within
  ``REPEAT_SECONDS`` (reloads, the back button, filter clicks). Statistics never
  break a search: failures are logged.

Both use the normalised query (``normalise``): lowercase, spaces collapsed, at most
255 characters — Wagtail's ``Query.query_string``.
"""

import hashlib
import logging
import unicodedata
from dataclasses import asdict, dataclass

from django.core.cache import cache
from django.db import DatabaseError, transaction
from redis.exceptions import RedisError
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from hub.versioned_cache import CacheVersion
from hub.visibility import visible_pages
from practices import content_types

from . import facets, query_log
from .analysis import analyse
from .params import MAX_QUERY_LENGTH

# What a busy database or an unreachable shared cache may raise: promotions and
# hit statistics are extras, and a search without them still answers. Anything
# else is a bug, and surfaces (issue #10, honest errors).
EXTRAS_ERRORS = (DatabaseError, RedisError)

logger = logging.getLogger(__name__)

MAX_QUERY_STRING_LENGTH = 255  # Query.query_string
VERSION_KEY = "search:promotions-version"
VERSION = CacheVersion(VERSION_KEY)
CACHE_SECONDS = 300
REPEAT_SECONDS = 60
# Never typed by someone looking for a practice: markup, template and shell syntax.
HOSTILE_CHARACTERS = frozenset("<>{}[]\\|^~`")
# Explicit bidi embeddings, overrides and isolates: they would reorder the text
# shown to editors in the admin (a spoofing device, never typed by hand).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Promotion:
    """A promoted page as shown: ``type`` is its content type's key
    (``practices.content_types``) or "page"; ``ref`` is None for other pages."""

    ref: str | None
    type: str
    title: str
    url: str
    language: str
    description: str = ""
    page_id: int | None = None  # to check the page is still live and public

    @property
    def direction(self):
        return "rtl" if self.language == "ar" else "ltr"

    def as_json(self):
        return {
            "ref": self.ref,
            "type": self.type,
            "title": self.title,
            "url": self.url,
            "language": self.language,
        }


def normalise(query):
    """Wagtail's query string: lowercase, spaces collapsed, at most 255 characters."""
    return " ".join(query.lower().split())[:MAX_QUERY_STRING_LENGTH].strip()


def is_recordable(raw_query):
    """Whether a visitor's query (as typed) belongs in the statistics: not empty,
    not cut (longer than a search box allows), no control characters, bidi
    overrides or markup/shell syntax, no link, and at least one searchable word."""
    if not raw_query.strip() or len(raw_query) > MAX_QUERY_LENGTH:
        return False
    for character in raw_query:
        if character in HOSTILE_CHARACTERS or character in BIDI_CONTROLS:
            return False
        if unicodedata.category(character) == "Cc" and not character.isspace():
            return False
    if "://" in raw_query or "www." in raw_query.lower():
        return False
    return bool(analyse(raw_query))


def promoted(query, language, http_request=None):
    """The promotions for ``query`` in ``language`` (see the module docstring)."""
    query_string = normalise(query)
    if not query_string:
        return []
    try:
        key = _cache_key(query_string, language)
        found = cache.get(key)
        if found is None:
            found = [asdict(p) for p in _load(query_string, language, http_request)]
            cache.set(key, found, CACHE_SECONDS)
        return _still_public([Promotion(**fields) for fields in found])
    except EXTRAS_ERRORS:
        logger.exception("Could not read the promotions of %r", query_string)
        return []


def _cache_key(query_string, language):
    """The key changes with the facet index's version (pages published, moved…)
    and with the promotions' version (``hub.versioned_cache``)."""
    digest = hashlib.sha256(query_string.encode()).hexdigest()
    pages = facets.INDEX.version.peek()
    return f"search:promotions:v2:{pages}:{VERSION.current()}:{language}:{digest}"


def bump_version(**_kwargs):
    """Forget every cached promotion (now, and after the transaction commits)."""
    VERSION.bump()


def _still_public(promotions):
    """``promotions`` whose page is live and without a view restriction in the
    database now, whatever the cache says (one query when there are some)."""
    if not promotions:
        return []
    ids = {promotion.page_id for promotion in promotions}
    pages = visible_pages(Page.objects.live().filter(pk__in=ids))
    public = set(pages.values_list("pk", flat=True))
    return [promotion for promotion in promotions if promotion.page_id in public]


def _load(query_string, language, http_request):
    picks = (
        SearchPromotion.objects.filter(
            query__query_string=query_string, page__isnull=False
        )
        .order_by("sort_order", "pk")
        .values_list("page_id", "description")
    )
    descriptions = {}
    for page_id, description in picks:
        descriptions.setdefault(page_id, description)
    if not descriptions:
        return []
    pages = (
        Page.objects.live()
        .exclude(Page.objects.all().private_q())
        .filter(pk__in=descriptions, locale__language_code=language)
        .specific()
    )
    pages = {page.pk: page for page in pages}
    promotions = []
    for page_id, description in descriptions.items():
        page = pages.get(page_id)
        url = page.get_url(http_request) if page is not None else None
        if url is None:  # not promoted in this language, not live, or not routable
            continue
        content_type = content_types.of(page)
        promotions.append(
            Promotion(
                ref=getattr(page, "ref", None),
                type=content_type.key if content_type else "page",
                title=page.title,
                url=url,
                language=language,
                description=description or getattr(page, "summary", ""),
                page_id=page.pk,
            )
        )
    return promotions


def record_hit(request, params, scope, language, found):
    """Count one hit for the search ``params`` (``scope``: "page" or "api") in
    the interface ``language``; ``found``: whether it found anything."""
    raw_query = request.GET.get("q", "")
    if params.page != 1 or not params.q or not is_recordable(raw_query):
        return
    query_string = normalise(params.q)
    try:
        if not _first_time(request, scope, query_string):
            return
        with transaction.atomic():
            Query.get(query_string).add_hit()
            query_log.record(query_string, language, found)
    except EXTRAS_ERRORS:
        logger.exception("Could not record a hit for %r", query_string)


def _first_time(request, scope, query_string):
    """False when this client ran this search less than ``REPEAT_SECONDS`` ago.

    The client is told apart by address (with the proxy's X-Forwarded-For), user
    agent and language: a heuristic against reloads, never a security measure."""
    meta = request.META
    client = "\n".join(
        meta.get(name, "")
        for name in (
            "REMOTE_ADDR",
            "HTTP_X_FORWARDED_FOR",
            "HTTP_USER_AGENT",
            "HTTP_ACCEPT_LANGUAGE",
        )
    )
    digest = hashlib.sha256(f"{scope}\n{query_string}\n{client}".encode()).hexdigest()
    return cache.add(f"search:hit:{digest}", True, timeout=REPEAT_SECONDS)
