"""Which publications a follow brings to one member.

A publication is a live practice, template or training whose
``last_published_at`` is after the follow was made (and within
``LOOKBACK``: a digest that did not run for months sends the last weeks, not
the archive), in the follow's language, matching its term or its saved
search, and visible to the member — partners-only pages reach the partners
only (``hub.visibility.visible_pages``, the rule of every list on the site;
the search applies the same for saved searches)."""

from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from hub.visibility import visible_pages
from practices import content_types, facets
from search import params as search_params
from search import service

from .models import Follow

LOOKBACK = timedelta(days=30)
# The newest results of a saved search read for a digest: more than a week's.
SEARCH_RESULTS = 50
FACET_OF_KIND = {
    Follow.THEME: "theme",
    Follow.COMMUNE: "commune",
    Follow.PUBLIC: "public",
}


def since(follow, now=None):
    now = now or timezone.now()
    return max(follow.created_at, now - LOOKBACK)


def matching_pages(follow, now=None, only=None):
    """The specific pages ``follow`` brings to its member, oldest first.
    ``only``: a page id, to ask about one publication (immediate alerts)."""
    ids = _search_ids(follow) if follow.kind == Follow.SEARCH else None
    found = []
    for kind in content_types.registered():
        pages = _candidates(kind.model, follow, now)
        if pages is None:
            continue
        if only is not None:
            pages = pages.filter(pk=only)
        if ids is not None:
            pages = pages.filter(pk__in=ids)
        found.extend(visible_pages(pages, follow.user))
    return sorted(found, key=lambda page: page.last_published_at)


def _candidates(model, follow, now):
    pages = model.objects.live().filter(last_published_at__gt=since(follow, now))
    if follow.kind == Follow.SEARCH:
        return pages
    pages = pages.filter(locale__language_code=follow.language)
    facet = facets.get(FACET_OF_KIND[follow.kind])
    fields = {field.name for field in model._meta.get_fields()}
    if facet.page_field not in fields:
        return None  # templates have no commune
    return pages.filter(**{facet.lookup: follow.value}).distinct()


def _search_ids(follow):
    asked, _errors = search_params.parse(QueryDict(follow.value), follow.language)
    asked = asked.replace(page=1, page_size=SEARCH_RESULTS, sort="date")
    response = service.run(asked, user=follow.user)
    return [result.page.pk for result in response.results]


def saved_search(query, language):
    """A search's query string as a follow keeps it: parsed and written back
    without its page and sort (two pages of one search are one follow)."""
    asked, _errors = search_params.parse(QueryDict(query), language)
    return asked.replace(page=1, sort="relevance").querystring(language)


def term_name(follow):
    """The followed term's name in the follow's language, or the search's words."""
    if follow.kind == Follow.SEARCH:
        asked, _errors = search_params.parse(QueryDict(follow.value), follow.language)
        return asked.q or _("Recherche enregistrée")
    model = facets.get(FACET_OF_KIND[follow.kind]).vocabulary_model
    term = model.objects.filter(
        slug=follow.value,
        locale=Locale.objects.filter(language_code=follow.language).first(),
    ).first()
    return term.name if term else follow.value
