"""Which page Wagtail just refused to open, for middlewares that explain why.

Wagtail refuses a page view (``wagtail.admin.auth``) with its general message
and a redirect to the dashboard; the middlewares beside this module add a
word on what the refused person can do instead (translator_refusal.py,
section_refusal.py). Listed after Django's MessageMiddleware, which stores
their message on the way out.
"""

from django.urls import reverse
from django.utils.translation import override
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.users.models import UserProfile


def refused_page(request, response):
    """The page (a ``Page`` queryset of one) whose admin view was just refused
    to a signed-in user other than a superuser; None for every other response,
    which then touches no database (/healthz answers without one)."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if (
        response.status_code != 302
        or match is None
        or not (match.view_name or "").startswith("wagtailadmin_pages:")
        or "page_id" not in match.kwargs
        or response.get("Location") != reverse("wagtailadmin_home")
        or user is None
        or not user.is_authenticated
        or user.is_superuser
    ):
        return None
    return Page.objects.filter(pk=match.kwargs["page_id"])


class RefusalExplanationMiddleware:
    """After a refusal ``explanation`` recognises, tell the person why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page = refused_page(request, response)
        found = page is not None and self.explanation(request, page)
        if found:
            explain(request, *found)
        return response

    def explanation(self, request, page):
        """(lazy message, [(url, label)…]) for a refusal of ``page`` (a
        queryset of at most one page), or None."""
        raise NotImplementedError


def explain(request, message, buttons=()):
    """Add ``message`` (lazy) for the refused person, in their admin language:
    Wagtail renders the admin in it, but only inside its views — the message is
    stored after them, on the way out, in the site's language."""
    language = UserProfile.get_for_user(request.user).get_preferred_language()
    with override(language):
        messages.info(
            request,
            str(message),
            buttons=[messages.button(url, str(label)) for url, label in buttons],
        )
