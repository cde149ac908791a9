"""One version for everything a page shows of *other* content.

A fragment of a page that is the same for every visitor (related practices,
lineage, the language switcher, filter options, the navigation) may be cached,
but it shows other pages, documents and vocabulary: it must change when they
do. Rather than tracking which fragment shows what, every fragment's cache key
holds one version, bumped on every change that could alter any of them —
publish, unpublish, move, delete, privacy change, translation, vocabulary,
glossary, document change: ``hub.page_cache_invalidation`` connects those
signals. The full-page cache (``hub.page_cache``) keys on the same version.

* ``content_version``: the ``CacheVersion`` (``hub.versioned_cache``);
* ``current_for(request)``: its value, read once per request (a cache ``get``),
  what templates get from ``{% content_version %}`` (``fragment_tags``);
* ``cached(request, name, *parts, build=…)``: a value built once per version
  (and per ``parts``) and kept in Django's cache; built afresh, never cached,
  in a Wagtail preview (draft content must not reach the cache).
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from hub.versioned_cache import CacheVersion

__all__ = ["FRAGMENT_TIMEOUT", "cached", "content_version", "current_for"]

content_version = CacheVersion("page-cache:version")

# Fragments are keyed on the version: the timeout only bounds how long a
# fragment nobody asks for again keeps its memory, and how stale one can be
# after a change that sent no signal (raw SQL, ``QuerySet.update``).
FRAGMENT_TIMEOUT = 600


def current_for(request):
    """The content version, read once per request (None: read it now)."""
    if request is None:
        return content_version.current()
    if not hasattr(request, "_content_version"):
        request._content_version = content_version.current()
    return request._content_version


def is_preview(request):
    return bool(getattr(request, "is_preview", False))


def cached(request, name, *parts, build):
    """``build()``, kept in the cache under ``name``, ``parts``, the active
    language and the content version; never cached in a preview."""
    if request is None or is_preview(request):
        return build()
    described = [str(current_for(request)), get_language() or "", *map(str, parts)]
    # Hashed: parts may be long or hold any character (a query string, an
    # Arabic slug), which some cache backends refuse in a key.
    digest = hashlib.sha256("\x1f".join(described).encode()).hexdigest()
    key = f"fragment:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAGMENT_TIMEOUT)
    return value
