"""The share form's steps, in the order of a fiche, each field with an example.

Kept apart from the form so that the wording (what agents read most) can be
reviewed in one place. The examples come from a realistic fiche: a women's
listening centre run by a commune with local associations.
"""

from django.utils.translation import gettext_lazy as _

STEPS = [
    (
        _("1. Votre commune et votre langue"),
        _("La fiche sera enregistrée dans la section de votre commune."),
        ["commune", "language"],
    ),
    (
        _("2. La pratique en bref"),
        _("Ce que lira d'abord une autre commune : soyez simple et concret."),
        ["title", "summary"],
    ),
    (
        _("3. Le point de départ"),
        _("Pourquoi avez-vous agi ? Quelle était la situation ?"),
        ["context", "objectives"],
    ),
    (
        _("4. Ce qui a été fait"),
        _("Racontez l'action comme à un collègue d'une autre commune."),
        ["body", "start_date", "end_date", "status"],
    ),
    (
        _("5. Qui a agi, avec quels moyens"),
        _(
            "Les acteurs et l'argent : c'est ce qu'une autre commune demande "
            "en premier."
        ),
        [
            "actors_services",
            "actors_associations",
            "actors_authorities",
            "resources",
            "funding_own",
            "funding_external",
        ],
    ),
    (
        _("6. Ce que cela a donné"),
        _("Les résultats, mais aussi ce qui a été difficile."),
        ["results", "difficulties", "lessons", "transferability"],
    ),
    (
        _("7. Classement"),
        _("Pour que la fiche soit trouvée dans la recherche."),
        ["themes", "target_publics", "tags"],
    ),
    (
        _("8. Contacts et documents"),
        _("Qui peut renseigner une autre commune, et les documents utiles."),
        ["contacts", "attachments"],
    ),
]

EXAMPLES = {
    "title": _("Exemple : Un espace d'écoute pour les femmes au centre social"),
    "summary": _(
        "Exemple : Depuis 2023, la commune et deux associations accueillent les "
        "femmes deux matinées par semaine. 340 femmes ont été écoutées et orientées."
    ),
    "context": _(
        "Exemple : Les femmes du quartier ne savaient pas à qui s'adresser en cas "
        "de violence ou de difficulté administrative."
    ),
    "objectives": _(
        "Exemple : Offrir un lieu d'écoute proche ; orienter vers les bons services."
    ),
    "body": _(
        "Exemple : Nous avons d'abord réuni les associations du quartier. Puis une "
        "salle du centre social a été aménagée…"
    ),
    "actors_services": _("Exemple : Service de l'action sociale, bureau d'ordre"),
    "actors_associations": _("Exemple : Association Amal, Union des femmes"),
    "actors_authorities": _("Exemple : Délégation de l'Entraide nationale"),
    "resources": _(
        "Exemple : Une assistante sociale à mi-temps, une salle, des chaises."
    ),
    "funding_own": _("Exemple : 25000"),
    "funding_external": _("Exemple : 60000"),
    "results": _(
        "Exemple : 340 femmes écoutées en un an, dont 120 orientées vers un service."
    ),
    "difficulties": _("Exemple : Au début, peu de femmes osaient venir."),
    "lessons": _(
        "Exemple : Passer par les associations de quartier a créé la confiance."
    ),
    "transferability": _(
        "Exemple : Une salle discrète, une personne formée à l'écoute, une "
        "association partenaire."
    ),
    "tags": _("Exemple : écoute, violences, orientation"),
    "contacts": _("Exemple : Fatima Z., cheffe du service social, 05 39 00 00 00"),
    "attachments": _("Exemple : la fiche d'accueil, le bilan annuel en PDF"),
}
