"""The fixed skeleton of the site: two locales, a home page per language and the
three index pages under it. Idempotent, so ``load_demo``, the importer and the
tests can all call it."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import Locale, Page, Site

from home.models import HomePage

from .models import PracticeIndexPage, TemplateIndexPage, TrainingIndexPage

HOME_TITLE = _("Passerelle — ce qui marche dans nos communes")
INDEXES = [
    (PracticeIndexPage, "pratiques", _("Bonnes pratiques")),
    (TemplateIndexPage, "modeles", _("Modèles de documents")),
    (TrainingIndexPage, "formations", _("Formations")),
]
INDEX_BY_TYPE = {
    "practice": PracticeIndexPage,
    "template": TemplateIndexPage,
    "training": TrainingIndexPage,
}


@transaction.atomic
def ensure_site():
    """Create whatever part of the skeleton is missing; return the French home."""
    fr, _created = Locale.objects.get_or_create(language_code="fr")
    ar, _created = Locale.objects.get_or_create(language_code="ar")
    home = HomePage.objects.filter(locale=fr).first() or _create_home(fr)
    _point_site_at(home)
    for model, slug, title in INDEXES:
        index = model.objects.filter(locale=fr).first()
        if index is None:
            with override("fr"):
                index = home.add_child(
                    instance=model(title=str(title), slug=slug, show_in_menus=True)
                )
            index.save_revision().publish()
    for page in [home, *(model.objects.get(locale=fr) for model, _s, _t in INDEXES)]:
        _ensure_translation(page, ar)
    return home


def _create_home(locale):
    root = Page.get_first_root_node()
    with override("fr"):
        home = root.add_child(
            instance=HomePage(title=str(HOME_TITLE), slug="accueil", locale=locale)
        )
    home.save_revision().publish()
    return home


def _point_site_at(home):
    """The default site serves our home and Wagtail's welcome page is gone (also
    after a database was restored from migrations, as browser tests do)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name="Passerelle",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Passerelle"
        site.save()
    welcome = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    )
    welcome.delete()


def _ensure_translation(page, locale):
    """An Arabic version of a structural page, with its title in Arabic."""
    if page.get_translations().filter(locale=locale).exists():
        return
    translation = page.copy_for_translation(locale)
    with override(locale.language_code):
        translation.title = str(_title_of(page))
    translation.save_revision().publish()


def _title_of(page):
    if isinstance(page, HomePage):
        return HOME_TITLE
    return next(title for model, _s, title in INDEXES if isinstance(page, model))


def index_page(page_type, locale):
    """The live index page that holds pages of ``page_type`` in ``locale``."""
    return INDEX_BY_TYPE[page_type].objects.get(locale=locale)
