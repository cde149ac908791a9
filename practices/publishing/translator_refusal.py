"""A translator refused a French page is told where French pages are translated.

Translators open no French page (translator_scope.py): the editor of an
original, typed or followed from a link, gets Wagtail's general refusal
(« Désolé, vous n'avez pas la permission d'accéder à cette zone ») and the
dashboard, with no word on how they would translate it. For a translator
refused a page of the source language, this middleware adds that French pages
are translated from « Pages à traduire », with a button to it. Listed after
Django's MessageMiddleware, which stores the message on the way out.
"""

from django.utils.translation import gettext_lazy as _

from .page_refusal import RefusalExplanationMiddleware
from .translation_queue import SOURCE_LANGUAGE
from .translation_queue_views import TITLE, list_url, may_translate


class TranslatorRefusalMiddleware(RefusalExplanationMiddleware):
    def explanation(self, request, page):
        """Wagtail's refusal of a page view, to a translator, on a page in the
        source language."""
        original = page.filter(locale__language_code=SOURCE_LANGUAGE).exists()
        if not original or not may_translate(request.user):
            return None
        return (
            _("Les pages en français se traduisent depuis « Pages à traduire »."),
            [(list_url(), TITLE)],
        )
