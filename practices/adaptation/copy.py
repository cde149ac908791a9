"""The draft an adaptation starts from: the original's description, not its
results.

Title, summary, objectives, what was done, themes, publics and tags describe
the practice and carry over; results, participants, indicators, contacts,
funding, dates and attachments belong to the commune that did it, and the
adapting commune records its own (the "Résultats" tab) and what it changed
(the "Adaptation" tab).
"""

import copy

from django.utils import translation
from django.utils.translation import gettext

from hub.slugs import free_child_slug

from ..models import PracticePage

TITLE_LENGTH = PracticePage._meta.get_field("title").max_length


def build_adaptation(original, section):
    """A new, unsaved PracticePage adapting ``original``, to be added under
    ``section`` (same locale as the original)."""
    language = original.locale.language_code
    draft = PracticePage(
        title=adapted_title(original.title, language),
        slug=free_child_slug(section, original.slug),
        locale_id=original.locale_id,
        original_language=language,
        summary=original.summary,
        objectives=original.objectives,
        body=copy.deepcopy(list(original.body.raw_data)),
        status="planned",
        adapted_from=original,
    )
    draft.themes = list(original.themes.all())
    draft.target_publics = list(original.target_publics.all())
    draft.tags.add(*(tag.name for tag in original.tags.all()))
    return draft


def adapted_title(title, language):
    """« <title> (adaptation) » in the original's language, within the title's
    maximum length (the original's title is shortened, not the mark)."""
    with translation.override(language):
        template = gettext("%(title)s (adaptation)")
    room = TITLE_LENGTH - len(template % {"title": ""})
    return template % {"title": title[:room]}


def existing_adaptation(original, commune):
    """The fiche (draft or live, any language) by which ``commune`` already
    adapts ``original`` (any of its language versions), preferring one in the
    original's language: a second click opens it rather than making a second
    copy. A fiche's commune is its section's (``PracticePage.save``)."""
    found = list(
        PracticePage.objects.filter(
            adapted_from__translation_key=original.translation_key,
            commune__translation_key=commune.translation_key,
        ).order_by("pk")
    )
    same_language = [p for p in found if p.locale_id == original.locale_id]
    return next(iter(same_language or found), None)
