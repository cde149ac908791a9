"""The serving benchmark's bare side: production settings and middleware, one
more URL.

The bare Django view is served "the same way" as the site (the same gunicorn,
settings and middleware stack), so that the ratio of a page to it measures what
the page itself costs. Only the URLconf changes: benchmarks/bare_urls.py, which
puts the view before the site's own URLs; nothing is added to the site.
"""

from hub.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare_urls"
# The bare view is the reference for what the server and the middleware cost
# alone: never answered from the page cache (hub/page_cache.py), or the ratio
# would compare the cache with itself.
PAGE_CACHE_EXEMPT = [*PAGE_CACHE_EXEMPT, r"^/bench/"]  # noqa: F405
