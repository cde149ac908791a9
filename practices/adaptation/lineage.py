"""Which live fiches a practice was adapted from, and by.

``PracticePage.adapted_from`` points at one locale version of the original
(re-pointed to the adaptation's locale on save when that translation exists),
so lineage is matched by ``translation_key``: every language version of an
adaptation counts for every language version of its original. What is shown is
the version in the reader's page's locale when it is live and visible, else
another visible live version, so a link never leads to a draft, an unpublished
page or a page the viewer may not see.

``lineages(pages, …)`` answers for many pages in one query (the practice page
asks for one, the search API for a page of results).
"""

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q

from hub.visibility import visible_pages

from ..models import PracticePage


@dataclass(frozen=True)
class Link:
    """A linked fiche as shown: title, URL and commune in its own language."""

    page: PracticePage
    url: str

    @property
    def title(self):
        return self.page.title

    @property
    def language(self):
        return self.page.locale.language_code

    @property
    def commune(self):
        return self.page.commune.name if self.page.commune_id else None

    def as_json(self):
        return {
            "ref": self.page.ref,
            "title": self.title,
            "url": self.url,
            "language": self.language,
            "commune": self.commune,
        }


@dataclass
class Lineage:
    adapted_from: Link | None = None
    adapted_by: list = field(default_factory=list)


def lineages(pages, user=None, request=None):
    """{page id: Lineage} for ``pages`` (practice pages), as ``user`` may see
    them (None: an anonymous visitor); one query, none without pages."""
    pages = [p for p in pages if isinstance(p, PracticePage)]
    if not pages:
        return {}
    rows = list(_linked_rows(pages, user))
    key_of = {row.pk: row.translation_key for row in rows}
    found = {}
    for page in pages:
        source_key = key_of.get(page.adapted_from_id)
        found[page.pk] = Lineage(
            adapted_from=_origin(rows, source_key, page, request),
            adapted_by=_adaptations(rows, page, request),
        )
    return found


def _linked_rows(pages, user):
    """Every version of the pages' originals (whatever their state, to learn
    their translation keys) and the live adaptations of the pages; ``shown``
    says whether the viewer may follow a link to the row."""
    source_ids = {p.adapted_from_id for p in pages if p.adapted_from_id}
    originals = PracticePage.objects.filter(pk__in=source_ids).values("translation_key")
    wanted = Q(
        live=True, adapted_from__translation_key__in=[p.translation_key for p in pages]
    )
    if source_ids:
        wanted |= Q(translation_key__in=originals)
    shown = visible_pages(PracticePage.objects.live().filter(pk=OuterRef("pk")), user)
    return (
        PracticePage.objects.filter(wanted)
        .annotate(source_key=F("adapted_from__translation_key"), shown=Exists(shown))
        .select_related("commune", "locale")
        .order_by("path")
    )


def _origin(rows, source_key, page, request):
    if source_key is None:
        return None
    versions = [r for r in rows if r.translation_key == source_key and r.shown]
    best = _preferred(versions, page.locale_id)
    return Link(best, best.get_url(request)) if best else None


def _adaptations(rows, page, request):
    groups = {}
    for row in rows:
        if row.source_key == page.translation_key and row.shown and row.pk != page.pk:
            groups.setdefault(row.translation_key, []).append(row)
    chosen = [_preferred(versions, page.locale_id) for versions in groups.values()]
    chosen.sort(key=lambda p: (p.commune.name if p.commune_id else "", p.title))
    return [Link(p, p.get_url(request)) for p in chosen]


def _preferred(versions, locale_id):
    """The version in ``locale_id`` if there is one, else the first (by tree
    order, i.e. stable)."""
    for version in versions:
        if version.locale_id == locale_id:
            return version
    return versions[0] if versions else None
