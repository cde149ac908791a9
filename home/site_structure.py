"""The fixed skeleton of the site: two locales, a home page per language and the
index page of each content type under it (``content_types``: slug and title).
Idempotent, so the commands that assemble the site (``load_demo``,
``setup_roles``, ``import_practices``) and the tests can all call it first."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import Locale, Page, Site

from portal.site_page import ensure_programme_page
from practices import content_types

from .models import HomePage

HOME_TITLE = _("Passerelle — ce qui marche dans nos communes")


@transaction.atomic
def ensure_site():
    """Create whatever part of the skeleton is missing; return the French home."""
    fr, _created = Locale.objects.get_or_create(language_code="fr")
    ar, _created = Locale.objects.get_or_create(language_code="ar")
    home = HomePage.objects.filter(locale=fr).first() or _create_home(fr)
    _point_site_at(home)
    indexes = content_types.registered()
    for content_type in indexes:
        index = content_type.index_model.objects.filter(locale=fr).first()
        if index is None:
            with override("fr"):
                index = home.add_child(instance=_new_index(content_type))
            index.save_revision().publish()
    for page in [home, *(content_type.index_page(fr) for content_type in indexes)]:
        _ensure_translation(page, ar)
    ensure_programme_page(home, [ar])  # « Le programme Maroc » (portal)
    return home


def _new_index(content_type):
    return content_type.index_model(
        title=str(content_type.index_title),
        slug=content_type.index_slug,
        show_in_menus=True,
    )


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
    return next(
        content_type.index_title
        for content_type in content_types.registered()
        if isinstance(page, content_type.index_model)
    )
