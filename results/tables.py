"""The dashboard's tables: each figure once, as rows of numbers with their
headers in the reader's language; the page draws a chart from each and offers
it as CSV (``csv_export``). The slugs are the CSV files' names, the same in
both languages."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import figures as f


@dataclass
class Table:
    slug: str
    title: str
    row_header: str
    columns: list  # [(key, header)], the numbers of each row
    rows: list  # [(label, {key: number})]
    bar: str  # the column the chart draws (a total, or the only one)
    segments: tuple = ()  # the columns a bar is made of, when stacked
    maximum: int | None = None  # the chart's scale, when not the largest row
    note: str = ""

    def values(self, row):
        return [row[1].get(key, 0) for key, _header in self.columns]


def _participants(figures, slug, title, header, groups, label, order=None):
    table = f.participants_by(figures, groups)
    columns = [(p, figures.name("public", p)) for p in figures.publics]
    columns.append(("total", _("Total")))
    rows = []
    for group, counts in table.items():
        counts = dict(counts)
        counts["total"] = sum(counts.values())
        rows.append((label(group), counts))
    rows.sort(key=order or (lambda row: (-row[1]["total"], row[0])))
    return Table(
        slug, title, header, columns, rows, "total", segments=tuple(figures.publics)
    )


def _by_year(row):
    return row[0] == _("Année non renseignée"), row[0]


# The participants tables: slug, title, row header, a practice's groups, and
# the vocabulary naming them (None: the group is a year).
PARTICIPANTS = [
    (
        "participants-region",
        gettext_lazy("Participants par public cible et par région"),
        gettext_lazy("Région"),
        lambda p: [p.region],
        "region",
    ),
    (
        "participants-commune",
        gettext_lazy("Participants par public cible et par commune"),
        gettext_lazy("Commune"),
        lambda p: [p.commune],
        "commune",
    ),
    (
        "participants-theme",
        gettext_lazy("Participants par public cible et par thème"),
        gettext_lazy("Thème"),
        lambda p: p.themes or [""],
        "theme",
    ),
    (
        "participants-annee",
        gettext_lazy("Participants par public cible et par année"),
        gettext_lazy("Année"),
        lambda p: [p.year or f.NO_YEAR],
        None,
    ),
]


def build(figures):
    """Every table of the dashboard, in the page's order."""
    name = figures.name
    unknown = _("Non renseigné")

    def labeller(kind):
        if kind is None:
            return lambda year: str(year) if year else _("Année non renseignée")
        return lambda slug: name(kind, slug) if slug else unknown

    tables = [
        _participants(
            figures,
            slug,
            str(title),
            str(header),
            groups,
            labeller(kind),
            order=None if kind else _by_year,
        )
        for slug, title, header, groups, kind in PARTICIPANTS
    ]
    tables[2].note = _(
        "Une pratique qui relève de plusieurs thèmes compte dans chacun : "
        "la somme des thèmes dépasse le total."
    )
    statuses = f.practices_by(figures, lambda p: [p.status])
    tables.append(
        Table(
            "pratiques-etat",
            _("Pratiques par état d'avancement"),
            _("État"),
            [("count", _("Pratiques"))],
            [
                (str(f.STATUS_LABELS[code]), {"count": statuses.get(code, 0)})
                for code in f.STATUSES
            ],
            "count",
        )
    )
    themes = f.practices_by(figures, lambda p: p.themes or [""])
    tables.append(
        Table(
            "pratiques-theme",
            _("Pratiques par thème"),
            _("Thème"),
            [("count", _("Pratiques"))],
            sorted(
                (
                    (name("theme", slug) if slug else unknown, {"count": count})
                    for slug, count in themes.items()
                ),
                key=lambda row: (-row[1]["count"], row[0]),
            ),
            "count",
            note=tables[2].note,
        )
    )
    total = len(figures.moroccan_communes)
    reached = f.objective_2026(figures)
    tables.append(
        Table(
            "objectif-2026",
            _("Objectif 2026 : communes marocaines où chaque public participe"),
            _("Public cible"),
            [("communes", _("Communes")), ("of", _("Sur"))],
            [
                (
                    name("public", public),
                    {"communes": len(reached[public]), "of": total},
                )
                for public in figures.publics
            ],
            "communes",
            maximum=total,
            note=_(
                "Pour chaque public cible, le nombre de communes marocaines "
                "partenaires qui mènent au moins une pratique avec des "
                "participants de ce public."
            ),
        )
    )
    return tables


TITLE = gettext_lazy("Les résultats en chiffres")
