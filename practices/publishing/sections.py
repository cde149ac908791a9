"""One section page per commune (and one for the programme), in both languages."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import Locale

from hub.localize import in_french
from programme.models import Commune

from ..models import CommuneSectionPage, PracticeIndexPage

PROGRAMME_SLUG = "programme"
PROGRAMME_TITLE = _("Programme (toutes communes)")


def ensure_sections():
    """Create the missing sections; return {commune translation_key or None:
    French section}."""
    fr = Locale.objects.get(language_code="fr")
    ar = Locale.objects.get(language_code="ar")
    index = PracticeIndexPage.objects.get(locale=fr)
    sections = {
        s.commune.translation_key if s.commune else None: s
        for s in CommuneSectionPage.objects.child_of(index).select_related("commune")
    }
    wanted = [(None, PROGRAMME_SLUG, None)] + [
        (c.translation_key, c.slug, c) for c in Commune.objects.filter(locale=fr)
    ]
    for key, slug, commune in wanted:
        if key not in sections:
            title = commune.name if commune else in_french(PROGRAMME_TITLE)
            section = index.add_child(
                instance=CommuneSectionPage(title=title, slug=slug, commune=commune)
            )
            section.save_revision().publish()
            sections[key] = section
        _ensure_arabic(sections[key], ar)
    return sections


def _ensure_arabic(section, ar):
    if section.get_translations().filter(locale=ar).exists():
        return
    translation = section.copy_for_translation(ar)
    if section.commune_id:
        arabic = Commune.objects.filter(
            translation_key=section.commune.translation_key, locale=ar
        ).first()
        translation.title = arabic.name if arabic else section.title
    else:
        with override("ar"):
            translation.title = str(PROGRAMME_TITLE)
    translation.save_revision().publish()


def section_for(commune, locale):
    """The live section of ``commune`` (any locale's row, or None for the
    programme) in ``locale``; created if missing."""
    key = commune.translation_key if commune is not None else None
    found = _find(key, locale)
    if found is None:
        ensure_sections()
        found = _find(key, locale)
    return found


def _find(key, locale):
    sections = CommuneSectionPage.objects.filter(locale=locale)
    if key is None:
        return sections.filter(commune__isnull=True).first()
    return sections.filter(commune__translation_key=key).first()
