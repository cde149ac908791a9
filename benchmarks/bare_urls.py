"""The site's URLs with the bare view of the serving benchmark before them.

Wrapped rather than included: i18n_patterns (the language prefix) is only
allowed in the root URLconf, so the site's list is reused as it is.
"""

from django.http import HttpResponse
from django.urls import path

from hub.urls import handler404, handler500
from hub.urls import urlpatterns as site_urlpatterns

BARE_PATH = "bench/bare/"
BODY = b"bare"


def bare(request):
    """A small constant answer: the cost of the server and the middleware alone."""
    return HttpResponse(BODY)


urlpatterns = [path(BARE_PATH, bare), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
