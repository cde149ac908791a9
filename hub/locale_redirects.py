"""Django's LocaleMiddleware, less its guess on the JSON APIs' 404s.

On a 404 at an address without a language prefix, LocaleMiddleware redirects
to the same address under the default language when that one resolves — and
under ``i18n_patterns`` Wagtail's catch-all resolves everything: a client of
``/api/v2/pages/12/`` asking for a page that is not public got a 302 to
``/fr/api/v2/pages/12/`` and an HTML « Page introuvable », not the API's JSON
404. The APIs (``/api/``, outside the language prefixes) answer for themselves.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils.translation import get_language

UNPREFIXED = ("/api/",)


class HubLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
