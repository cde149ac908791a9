"""The version of everything the public pages show, shared by every process.

One number in the shared cache (``hub.versioned_cache.CacheVersion``), bumped by
``hub.page_cache_invalidation`` whenever a change can alter what some page shows
to some visitor: a page published, unpublished, moved or deleted, a privacy
restriction set or lifted, a translation published, a vocabulary term, a
glossary entry, a promotion, a document or an image changed. The full-page cache
(``hub.page_cache``) and the fragment caches key their entries on it, so one bump
retires all of them at once: coarse, but the hub changes a few times a day and is
read all day, and a cache that is never stale is worth a rebuild now and then.
"""

from hub.versioned_cache import CacheVersion

content_version = CacheVersion("page-cache:version")
