"""Development only: the site's own 404 page, not Django's debug page.

With ``DEBUG = True`` Django answers an unknown URL with its technical 404 page
(every URL pattern listed), so ``make run`` never showed what a visitor sees on a
dead link: the styled page in their language, with a search box and a way home.
``hub.settings.dev`` adds this middleware last, so it is the first asked about a
view's ``Http404`` (Wagtail's catch-all route raises it for any unknown page);
production does not load it: there ``handler404`` already renders the same page.
"""

from django.http import Http404

from .views import page_not_found


class SiteNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
