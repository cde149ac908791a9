"""RSS 2.0 and Atom feeds of what is new or updated on the hub, per language:
``/<lang>/flux/rss/`` and ``/<lang>/flux/atom/``, narrowed by the query string
the lists use — ``type`` (practice, template, training), ``theme``, ``region``,
``commune``, ``public``, ``kind``, ``tag`` — so that a list's feed is its own
address with ``flux/rss/`` in front of the filters (``feed_tags`` links it).

Public content only, whoever asks (a feed reader has no session, and a feed
may be forwarded): live pages in the language that an anonymous visitor may
see. A filter on a value that does not exist, or on a field no requested type
has, is a 404 (the site's page not found) — never an empty feed that looks
right and never updates.
"""

from itertools import chain

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from hub.visibility import visible_pages

from . import content_types, facets

SIZE = 30  # items per feed: a month of the programme's publications
FILTERS = ("theme", "region", "commune", "public", "kind", "tag")


class FeedRequest:
    """What one request asks for: types, filters (facet → term or tag)."""

    def __init__(self, request):
        self.locale = Locale.objects.get(language_code=get_language())
        wanted_types = request.GET.getlist("type") or [
            kind.key for kind in content_types.registered()
        ]
        by_key = {kind.key: kind for kind in content_types.registered()}
        unknown = [key for key in wanted_types if key not in by_key]
        if unknown:
            raise Http404("unknown type")
        self.types = [by_key[key] for key in wanted_types]
        self.filters = {}
        for name in FILTERS:
            value = request.GET.get(name, "").strip()
            if value:
                self.filters[facets.get(name)] = self._term(name, value)

    def _term(self, name, slug):
        facet = facets.get(name)
        model = facet.vocabulary_model
        if model is None:  # tags: any slug a live page could carry
            return slug
        term = model.objects.filter(
            locale=self.locale, slug=slug, **facet.term_filter()
        ).first()
        if term is None:
            raise Http404(f"no {name} {slug}")
        return term

    def pages(self):
        """The newest live public pages of the requested types that have every
        filtered field and match it, newest change first."""
        found = []
        for kind in self.types:
            model = kind.model
            fields = {field.name for field in model._meta.get_fields()}
            if any(facet.page_field not in fields for facet in self.filters):
                continue  # templates have no commune: a commune's feed has none
            pages = visible_pages(model.objects.live().filter(locale=self.locale), None)
            for facet, value in self.filters.items():
                lookup = facet.lookup
                pages = pages.filter(**{lookup: getattr(value, "slug", value)})
            related = [name for name in ("commune", "kind") if name in fields]
            many = [name for name in ("themes", "target_publics") if name in fields]
            found.append(
                pages.select_related(*related)
                .prefetch_related(*many)
                .order_by("-last_published_at")
                .distinct()[:SIZE]
            )
        if not found and self.filters:
            raise Http404("no type has these fields")
        newest = sorted(chain(*found), key=lambda page: page.last_published_at)
        return newest[::-1][:SIZE]

    def title(self):
        if len(self.types) == 1:
            what = str(self.types[0].index_title)
        else:
            what = _("Nouveautés")
        named = [getattr(value, "name", value) for value in self.filters.values()]
        return " — ".join(["Passerelle", what, *named])


class HubFeed(Feed):
    feed_type = Rss201rev2Feed
    # Atom requires an author for the feed unless every entry has one (a
    # template has no commune): the hub itself.
    author_name = "Passerelle"

    def get_object(self, request):
        asked = FeedRequest(request)
        asked.request = request
        return asked

    def title(self, asked):
        return asked.title()

    def link(self, asked):
        return asked.request.build_absolute_uri(f"/{asked.locale.language_code}/")

    def feed_url(self, asked):
        return asked.request.build_absolute_uri()

    def description(self, asked):
        return _(
            "Les fiches publiées ou mises à jour sur Passerelle, la plateforme des "
            "communes partenaires du programme belgo-marocain."
        )

    def items(self, asked):
        self._request = asked.request
        return asked.pages()

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.summary

    def item_link(self, page):
        return page.get_full_url(self._request)

    def item_guid(self, page):
        return page.get_full_url(self._request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_author_name(self, page):
        commune = getattr(page, "commune", None)
        return commune.name if commune else None

    def item_categories(self, page):
        terms = [*page.themes.all()]
        if hasattr(page, "target_publics"):
            terms += page.target_publics.all()
        return [term.name for term in terms]


class HubAtomFeed(HubFeed):
    feed_type = Atom1Feed
    subtitle = HubFeed.description
