"""The programme's demo documents, generated like the practices' attachments
(``practices.demo.files``: reviewable Python, nothing downloaded, the same
deterministic writers): an annual report, the logical framework, a call for
projects, and the minutes of a steering committee reserved to partners."""

from pathlib import Path

from practices.demo.files import _h, _p, _t, _tbl, _ul, _write_docx, _write_pdf


def build_annual_report_pdf(path: Path) -> None:
    _write_pdf(
        path,
        "Programme Maroc — rapport annuel 2025",
        [
            _t("Programme Maroc — rapport annuel 2025"),
            _p(
                "Dix communes marocaines et leurs partenaires belges ont poursuivi "
                "la construction de leur politique locale d'action sociale."
            ),
            _h("Faits marquants"),
            _ul(
                "Quatre budgets participatifs ouverts aux jeunes et aux femmes.",
                "Une charte commune–associations signée à Tiznit et à Figuig.",
                "Deux formations sur la recherche de financements extérieurs.",
            ),
            _h("Suite"),
            _p("Préparer l'objectif 2026 avec chaque commune partenaire."),
        ],
    )


def build_logical_framework_docx(path: Path) -> None:
    _write_docx(
        path,
        "Cadre logique du programme 2022-2026",
        [
            _t("Cadre logique du programme 2022-2026"),
            _tbl(
                ["Niveau", "Énoncé", "Indicateur", "Source"],
                [
                    "Objectif",
                    "Les publics cibles participent à des projets portés par la "
                    "commune",
                    "Communes ayant un projet par public cible",
                    "Rapports annuels",
                ],
                [
                    "Résultat 1",
                    "La commune et les associations se coordonnent",
                    "Conventions signées",
                    "Conventions",
                ],
            ),
        ],
    )


def build_call_for_projects_pdf(path: Path) -> None:
    _write_pdf(
        path,
        "Appel à projets 2026 — fonds d'appui aux associations",
        [
            _t("Appel à projets 2026 — fonds d'appui aux associations"),
            _p("Pour les associations des dix communes partenaires."),
            _h("Qui peut répondre ?"),
            _p("Une association locale avec le service social de sa commune."),
        ],
    )


def build_steering_minutes_docx(path: Path) -> None:
    _write_docx(
        path,
        "Comité de pilotage — procès-verbal de novembre 2025",
        [
            _t("Comité de pilotage — procès-verbal de novembre 2025"),
            _p("Réservé aux partenaires du programme."),
            _h("Décisions"),
            _ul("Calendrier des visites d'échange 2026.", "Budget des formations."),
        ],
    )


# file name -> (title, builder, reserved to partners)
DOCUMENTS = {
    "programme-rapport-annuel-2025.pdf": (
        "Rapport annuel du programme 2025",
        build_annual_report_pdf,
        False,
    ),
    "programme-cadre-logique.docx": (
        "Cadre logique du programme 2022-2026",
        build_logical_framework_docx,
        False,
    ),
    "programme-appel-a-projets-2026.pdf": (
        "Appel à projets 2026 — fonds d'appui aux associations",
        build_call_for_projects_pdf,
        False,
    ),
    "programme-comite-de-pilotage-2025-11.docx": (
        "Comité de pilotage — procès-verbal de novembre 2025",
        build_steering_minutes_docx,
        True,
    ),
}
