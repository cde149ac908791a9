"""The serving benchmark's bare side: production settings and middleware, one
more URL.

The bare Django view is served "the same way" as the site (the same gunicorn,
settings and middleware stack), so that the ratio of a page to it measures what
the page itself costs. Only the URLconf changes: benchmarks/bare_urls.py, which
puts the view before the site's own URLs; nothing is added to the site.
"""

from hub.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare_urls"
