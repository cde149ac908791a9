"""Anonymous visitors' pages from the shared cache, and the headers proxies need.

Most readers are anonymous commune agents on phones: they all see the same page,
so the first to ask renders it and the others get it from the shared cache
(Redis in production) without touching the database. What decides:

* **Which requests may share a page**: a GET from a visitor with no session
  cookie, no pending messages and no ``Authorization`` header, outside the
  admin, the documents and the forms' URLs (``PAGE_CACHE_EXEMPT``). A member,
  or anyone who entered a page password, has a session: never served from the
  cache, never stored in it.
* **Which responses are stored**: 200, not streamed, no cookie set, no CSRF
  token used (a form's token is one visitor's), and no ``private``,
  ``no-cache`` or ``no-store`` — Wagtail marks every page with a view
  restriction that way, whether it shows the page or the login form.
* **For how long**: until anything public changes — the key starts with
  ``hub.content_version``, which ``hub.page_cache_invalidation`` bumps on every
  publish, unpublish, move, delete, privacy change, translation, vocabulary,
  glossary or document change —, and at most ``PAGE_CACHE_SECONDS`` for changes
  that send no signal (``QuerySet.update``, raw SQL). The key also holds the
  full URL and the values of the headers the response varies on (Django's
  ``learn_cache_key``: language, encoding, cookies when the page read them).
* **What browsers and proxies are told**: a stored page is ``public``,
  ``max-age=0, must-revalidate`` with an ``ETag`` and ``Last-Modified`` — a
  phone asks again each time and gets a 304 of a few hundred bytes when nothing
  changed — and ``s-maxage=PAGE_CACHE_PROXY_SECONDS`` for a CDN if the operator
  sets one (purged by Wagtail's front-end cache invalidator: README). A response
  to a member, or one that holds a CSRF token or sets a cookie, is ``private``.

The cache being down is never an error for a reader: the page is rendered as if
nothing were cached (``/readyz`` reports the cache).

``X-Page-Cache`` says ``hit``, ``miss`` (rendered, now stored) or ``bypass``
(not from or for the cache) — for operators and tests; it tells nothing private.
"""

import logging
import re
import time
from functools import cache as memoize

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date
from redis.exceptions import RedisError

from hub.content_version import current_for

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
UNSHAREABLE = ("private", "no-cache", "no-store")
# What a shared cache out of reach raises (Redis refused, timed out, reset).
CACHE_ERRORS = (RedisError, OSError)


class PageCacheMiddleware:
    """Place below ConditionalGetMiddleware (304s from the stored ETag) and above
    the compression (pages are stored compressed) and the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not may_share(request):
            response = self.get_response(request)
            response[HEADER] = "bypass"
            if is_personal(request, response):
                patch_cache_control(response, private=True)
            return response

        prefix = key_prefix(request)
        if prefix is not None:
            cached = fetch(request, prefix)
            if cached is not None:
                cached[HEADER] = "hit"
                return cached

        response = self.get_response(request)
        if is_personal(request, response):
            patch_cache_control(response, private=True)
            response[HEADER] = "bypass"
        elif prefix is not None and is_storable(response):
            store(request, response, prefix, seconds)
            response[HEADER] = "miss"
        else:
            response[HEADER] = "bypass"
        return response


def may_share(request) -> bool:
    """A request whose answer may come from, or go to, the shared cache."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "Authorization" not in request.headers
        and not exempt(request.path_info)
    )


def exempt(path: str) -> bool:
    return any(pattern.match(path) for pattern in exempt_patterns())


@memoize
def exempt_patterns():
    return [re.compile(pattern) for pattern in settings.PAGE_CACHE_EXEMPT]


def is_personal(request, response) -> bool:
    """Made for this visitor: a member's, a CSRF token's or a cookie's."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    if "Authorization" in request.headers:
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    # Django marks the request when a template or view read the CSRF token.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get(
        "CSRF_COOKIE_USED"
    ):
        return True
    return bool(response.cookies)


def is_storable(response) -> bool:
    if response.streaming or response.status_code != 200:
        return False
    if has_vary_header(response, "*"):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(directive in control for directive in UNSHAREABLE):
        return False
    return get_max_age(response) != 0


def key_prefix(request) -> str | None:
    """``page-cache.<version>``, or None when the cache cannot be reached. The
    version is read once per request: the fragments of a page rendered on a
    miss use the same one (``current_for``)."""
    try:
        return f"page-cache.{current_for(request)}"
    except CACHE_ERRORS:
        logger.warning("Page cache unreachable: pages rendered without it")
        return None


def fetch(request, prefix):
    # Django ends the key with the request's language, read from
    # request.LANGUAGE_CODE, which LocaleMiddleware (below) has not set yet:
    # the language it will choose (URL prefix, cookie, Accept-Language) instead
    # of whichever language the process happens to have active.
    language = translation.get_language_from_request(request, check_path=True)
    try:
        with translation.override(language):
            key = get_cache_key(request, prefix, "GET", cache=cache)
        return cache.get(key) if key else None
    except CACHE_ERRORS:
        logger.warning("Page cache unreachable: pages rendered without it")
        return None


def store(request, response, prefix, seconds):
    """Headers for browsers and proxies, then the response into the cache."""
    if "Cache-Control" not in response:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if settings.PAGE_CACHE_PROXY_SECONDS:
            patch_cache_control(response, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS)
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(time.time())
    set_response_etag(response)
    try:
        key = learn_cache_key(request, response, seconds, prefix, cache=cache)
        cache.set(key, response, seconds)
    except CACHE_ERRORS:
        logger.warning("Page cache unreachable: page not stored")
