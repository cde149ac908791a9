"""The « Sur cette page » list of a practice fiche: its h2 sections, in page
order, only those the fiche has.

A fiche is up to 7,500 px long on a phone; the list at its top lets a reader
jump to the results or the contacts. practice_page.html gives each section the
same ``id``; the test of the page follows every link to its section. The labels
are the headings' own msgids.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    id: str
    label: str


def _actors(page, context):
    return page.actors_services or page.actors_associations or page.actors_authorities


# (id, heading, present?) in the order of practice_page.html.
SECTIONS = [
    ("contexte", _("Contexte et problème"), lambda page, context: page.context),
    ("objectifs", _("Objectifs"), lambda page, context: page.objectives),
    ("realisation", _("Ce qui a été fait"), lambda page, context: page.body),
    ("acteurs", _("Acteurs"), _actors),
    (
        "ressources",
        _("Ressources et financement"),
        lambda page, context: page.resources or page.funding_total,
    ),
    (
        "resultats-preuves",
        _("Résultats et preuves"),
        lambda page, context: (
            page.results or context["participations"] or page.indicators
        ),
    ),
    (
        "difficultes",
        _("Difficultés rencontrées"),
        lambda page, context: page.difficulties,
    ),
    ("enseignements", _("Enseignements"), lambda page, context: page.lessons),
    (
        "transferabilite",
        _("Transférabilité"),
        lambda page, context: page.transferability,
    ),
    ("partenariat", _("Partenariat"), lambda page, context: page.partnership),
    (
        "dates",
        _("Dates"),
        lambda page, context: page.start_date or page.end_date,
    ),
    ("contacts", _("Contacts"), lambda page, context: page.contacts),
    (
        "documents",
        _("Documents à télécharger"),
        lambda page, context: context["attachments"],
    ),
    ("mots-cles", _("Mots-clés"), lambda page, context: context["tags"]),
    (
        "pratiques-proches",
        _("Pratiques proches"),
        lambda page, context: context["related_practices"],
    ),
]


def practice_sections(page, context):
    """The sections ``page`` shows, read from the same fields and context as
    the template (the participations and related practices are evaluated once,
    and only when the list's cached fragment is rebuilt)."""
    return [
        Section(id, label) for id, label, present in SECTIONS if present(page, context)
    ]
