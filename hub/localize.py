"""The two languages of the hub, and what goes from one to the other.

* ``LANGUAGE_CHOICES``: the languages a page is written in.
* ``in_french``: the names stored in the database (groups, tasks, workflows,
  sections) are the source language's, whatever the request's.
* ``localised`` / ``synchronised_terms``: vocabulary terms (communes, themes…)
  are translatable snippets; a page points at the terms of its own locale.
* ``is_translation``: whether wagtail-localize made a page from another locale.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField

LANGUAGE_CHOICES = [("fr", _("Français")), ("ar", _("Arabe"))]


def in_french(label):
    """``label`` in French: the names stored in the database (groups, tasks,
    workflows, sections) are the source language's, whatever the request's."""
    with override("fr"):
        return str(label)


def locale_of(language_code):
    return Locale.objects.get(language_code=language_code)


def localised(term, locale_id):
    """The translation of ``term`` in ``locale_id``, or ``term`` itself."""
    if term is None or term.locale_id == locale_id:
        return term
    return (
        type(term)
        .objects.filter(translation_key=term.translation_key, locale_id=locale_id)
        .first()
        or term
    )


def synchronised_terms(*names):
    """wagtail-localize overrides that copy term foreign keys instead of
    translating them.

    By default wagtail-localize treats a foreign key to a translatable snippet as
    a related object to translate: "Translate" on a page then also re-translates
    the commune, region, partnership or kind it points at, overwriting their
    existing Arabic names with the French source text (no translation memory
    holds them). Copying the link and letting the page's ``localise_terms``
    re-point it on save keeps the vocabulary intact.
    https://wagtail-localize.org/stable/how-to/field-configuration/
    """
    return [SynchronizedField(name) for name in names]


def is_translation(page):
    """True when wagtail-localize made ``page`` from a page in another locale."""
    # Imported when asked: model modules import this one while the app
    # registry is still loading models.
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).exists()
