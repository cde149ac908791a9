"""A translator refused a French page is told where French pages are translated.

Translators open no French page (translator_scope.py): the editor of an
original, typed or followed from a link, gets Wagtail's general refusal
(« Désolé, vous n'avez pas la permission d'accéder à cette zone ») and the
dashboard, with no word on how they would translate it. For a translator
refused a page of the source language, this middleware adds that French pages
are translated from « Pages à traduire », with a button to it. Listed after
Django's MessageMiddleware, which stores the message on the way out.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from .translation_queue import SOURCE_LANGUAGE
from .translation_queue_views import TITLE, list_url, may_translate


class TranslatorRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _refused_an_original(request, response):
            messages.info(
                request,
                _("Les pages en français se traduisent depuis « Pages à traduire »."),
                buttons=[messages.button(list_url(), TITLE)],
            )
        return response


def _refused_an_original(request, response):
    """Wagtail's refusal (a redirect to the dashboard) of a page view, to a
    translator, on a page in the source language."""
    match = getattr(request, "resolver_match", None)
    if (
        response.status_code != 302
        or match is None
        or not (match.view_name or "").startswith("wagtailadmin_pages:")
        or "page_id" not in match.kwargs
        or response.get("Location") != reverse("wagtailadmin_home")
    ):
        return False
    user = request.user
    if not user.is_authenticated or user.is_superuser or not may_translate(user):
        return False
    return Page.objects.filter(
        pk=match.kwargs["page_id"], locale__language_code=SOURCE_LANGUAGE
    ).exists()
