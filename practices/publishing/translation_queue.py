"""Which pages wait for a translator: live French fiches, templates and trainings
with no Arabic translation yet, or whose translation was made from an older
version of the original.

Translators see no French page in the explorer (translator_scope.py), so this
list — not the French tree — is how they find work. "Older" is what
wagtail-localize knows: the original was published after its translation
source was last read from it (``TranslationSource.last_updated_at``, set when
the translation was started or synchronised).
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from wagtail.models import Locale, Page

from .. import content_types

SOURCE_LANGUAGE = "fr"
TARGET_LANGUAGE = "ar"


@dataclass(frozen=True)
class Awaiting:
    page: Page  # the French original (specific)
    translation: Page | None  # its Arabic page, when one exists

    @property
    def out_of_date(self):
        return self.translation is not None


def _sources():
    from wagtail_localize.models import TranslationSource

    return TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )


def awaiting_translation(page_id=None):
    """The pages to translate into Arabic, most recently published first (only
    ``page_id``'s, if given)."""
    source = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    target = Locale.objects.get(language_code=TARGET_LANGUAGE)
    translated = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale=target,
        alias_of__isnull=True,
    )
    rows = []
    for kind in content_types.registered():
        pages = (
            kind.model.objects.live()
            .filter(locale=source, **({"pk": page_id} if page_id else {}))
            .annotate(
                translated=Exists(translated),
                synced_at=Subquery(_sources().values("last_updated_at")[:1]),
            )
        )
        if kind.key == "practice":
            pages = pages.select_related("commune")
        for page in pages:
            if not page.translated:
                rows.append(Awaiting(page, None))
            elif _older(page.synced_at, page.last_published_at):
                rows.append(Awaiting(page, page.get_translation(target)))
    return sorted(rows, key=_published, reverse=True)


def _older(synced_at, published_at):
    """The translation source was read before the original's last publication."""
    if synced_at is None or published_at is None:
        return False
    return published_at > synced_at


def _published(row):
    published_at = row.page.last_published_at
    return (published_at is not None, published_at)


def awaiting_page(page_id):
    """The row of ``page_id`` if it waits for translation, else None: what the
    « Traduire » action may act on."""
    return next(iter(awaiting_translation(page_id)), None)
