"""The programme page in the site skeleton: created under the home page of
each language by ``home.site_structure.ensure_site`` (so ``load_demo``,
``setup_roles`` and the tests' database all have it), with its first texts in
French and Arabic; idempotent, and a page an editor changed is left alone.

A database made before the page existed gets it the next time ``setup_roles``
or ``load_demo`` runs (``make run`` does): no data migration, because a
migration cannot use the page models' translation machinery.
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .models import ProgrammePage

SLUG = "programme"
TITLE = _("Le programme Maroc")
PURPOSE = _(
    "Le programme Maroc accompagne dix communes marocaines et leurs communes "
    "partenaires belges dans la construction d'une politique locale d'action "
    "sociale. La participation citoyenne en est le cœur : les habitants et les "
    "associations sont associés à chaque étape. Le programme renforce la "
    "coordination entre la commune et les associations, la durabilité des actions "
    "et la recherche de financements propres ou extérieurs."
)
OBJECTIVE = _(
    "D'ici 2026, les publics cibles — les jeunes, les femmes, les personnes à "
    "besoins spécifiques et les migrants — participent à des projets "
    "socio-économiques ou socio-environnementaux portés par la commune."
)
PARTNERS_INTRO = _("Le programme travaille avec :")
PARTNERS = [
    _("les élus et le personnel de l'action sociale de la commune ;"),
    _("les associations locales ;"),
    _("les autorités de tutelle."),
]


def texts():
    """The page's fields in the active language."""
    items = format_html_join("", "<li>{}</li>", ((str(p),) for p in PARTNERS))
    return {
        "title": str(TITLE),
        "purpose": format_html("<p>{}</p>", PURPOSE),
        "objective": format_html("<p>{}</p>", OBJECTIVE),
        "partners": format_html("<p>{}</p><ul>{}</ul>", PARTNERS_INTRO, items),
    }


def ensure_programme_page(home, locales):
    """The programme page under ``home`` (French) and its translation in each
    of the other ``locales``; returns the French page."""
    page = ProgrammePage.objects.filter(locale=home.locale).first()
    if page is None:
        with override("fr"):
            page = home.add_child(
                instance=ProgrammePage(slug=SLUG, show_in_menus=True, **texts())
            )
        page.save_revision().publish()
    for locale in locales:
        if locale.pk == page.locale_id:
            continue
        if page.get_translations().filter(locale=locale).exists():
            continue
        translation = page.copy_for_translation(locale)
        with override(locale.language_code):
            for name, value in texts().items():
                setattr(translation, name, value)
        translation.save_revision().publish()
    return page
