"""The programme's results in figures, added up from the practices a viewer
may see (issue #15).

Every practice counts once, whatever its number of languages: its versions
share a ``translation_key``, and the version in the reader's language is read
when it is visible, another one otherwise. Terms are grouped by slug (the same
in every locale) and named in the reader's language, so a practice written in
Arabic only still counts under « Tanger » on the French dashboard.

Only live pages the viewer may see count (``hub.visibility.visible_pages``):
drafts never, pages behind a view restriction (partners-only, login, a
password) only for those who pass it, so the public figures do not move when a
private practice is added. The year of a practice is its « année » field, its
start date's year when that is empty.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from wagtail.models import Locale

from hub.visibility import visible_pages
from practices.models import PracticePage, PracticeParticipation
from practices.models.practices import STATUS_CHOICES
from programme.models import Commune, Region, TargetPublic, Theme

# The 2026 objective: every Moroccan partner commune runs projects involving
# each target public.
OBJECTIVE_COUNTRY = "MA"
NO_YEAR = ""


@dataclass
class Practice:
    pk: int
    status: str
    year: int | None
    region: str = ""
    commune: str = ""
    country: str = ""
    themes: list = field(default_factory=list)
    participants: dict = field(default_factory=dict)  # public slug → count


@dataclass
class Figures:
    """What the dashboard shows; every term a slug, named by ``names``."""

    publics: list  # slugs, in the vocabulary's order
    names: dict  # (kind, slug) → name in the reader's language
    practices: list
    moroccan_communes: list  # slugs

    def name(self, kind, slug):
        return self.names.get((kind, slug), slug)


def figures_for(user, language_code):
    """The figures ``user`` may see, named in ``language_code``."""
    locale = Locale.objects.filter(language_code=language_code).first()
    practices = _practices(user, locale)
    names = {}
    for kind, model in (("region", Region), ("theme", Theme), ("public", TargetPublic)):
        for slug, name in model.objects.filter(locale=locale).values_list(
            "slug", "name"
        ):
            names[(kind, slug)] = name
    moroccan = []
    communes = Commune.objects.filter(locale=locale).order_by("name")
    for slug, name, country in communes.values_list("slug", "name", "country"):
        names[("commune", slug)] = name
        if country == OBJECTIVE_COUNTRY:
            moroccan.append(slug)
    publics = sorted(
        (slug for kind, slug in names if kind == "public"),
        key=lambda s: PUBLIC_ORDER.get(s, len(PUBLIC_ORDER)),
    )
    return Figures(publics, names, practices, moroccan)


# The order the programme names its publics in (the 2026 objective's).
PUBLIC_ORDER = {"youth": 0, "women": 1, "specific-needs": 2, "migrants": 3}


def _practices(user, locale):
    rows = visible_pages(PracticePage.objects.live(), user).values_list(
        "pk",
        "translation_key",
        "locale_id",
        "status",
        "year",
        "start_date",
        "region__slug",
        "commune__slug",
        "commune__country",
    )
    chosen = {}
    for pk, key, locale_id, status, year, start, region, commune, country in rows:
        if key in chosen and (locale is None or locale_id != locale.pk):
            continue  # one version per practice, the reader's language's first
        chosen[key] = Practice(
            pk=pk,
            status=status,
            year=year or (start.year if start else None),
            region=region or "",
            commune=commune or "",
            country=country or "",
        )
    by_pk = {p.pk: p for p in chosen.values()}
    themes = PracticePage.themes.through.objects.filter(
        practicepage_id__in=by_pk
    ).values_list("practicepage_id", "theme__slug")
    for pk, slug in themes:
        by_pk[pk].themes.append(slug)
    participations = PracticeParticipation.objects.filter(
        page_id__in=by_pk
    ).values_list("page_id", "target_public__slug", "count")
    for pk, slug, count in participations:
        participants = by_pk[pk].participants
        participants[slug] = participants.get(slug, 0) + count
    return sorted(by_pk.values(), key=lambda p: p.pk)


def participants_by(figures, key):
    """{group: {public: count}}: ``key(practice)`` gives a practice's groups."""
    table = defaultdict(lambda: dict.fromkeys(figures.publics, 0))
    for practice in figures.practices:
        for group in key(practice):
            row = table[group]
            for public, count in practice.participants.items():
                row[public] = row.get(public, 0) + count
    return table


def practices_by(figures, key):
    """{group: number of practices}."""
    table = defaultdict(int)
    for practice in figures.practices:
        for group in key(practice):
            table[group] += 1
    return table


def objective_2026(figures):
    """{public: the Moroccan partner communes running at least one practice
    with participants of that public}."""
    reached = {public: set() for public in figures.publics}
    moroccan = set(figures.moroccan_communes)
    for practice in figures.practices:
        if practice.commune not in moroccan:
            continue
        for public, count in practice.participants.items():
            if count > 0 and public in reached:
                reached[public].add(practice.commune)
    return reached


STATUSES = [code for code, _label in STATUS_CHOICES]
STATUS_LABELS = dict(STATUS_CHOICES)
