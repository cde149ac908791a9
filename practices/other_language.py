"""How many more fiches a list has in the other language (issue #13).

An Arabic reader of the practice index sees the practices that exist in
Arabic; 26 of 34 do, and nothing said the other 8 exist in French. Each list
(the three indexes, a commune's and a tag's page) now counts, per other
language, the pages of its type that match the same filters there, that the
viewer may see, and that have no translation here the viewer may see — so a
page read in both languages is never counted twice. The template links them
with the language switcher's URL, which carries the filters over
(``hub.language_query``).

One query (a count per language), kept in the cache for every viewer who
sees the same pages until any content changes (``hub.content_version``).
Filter values are slugs, which a term's translations share
(``programme.models.taxonomy``); a free tag belongs to one language, so under
a tag the other language rarely has more.
"""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef

from hub.content_version import cached
from hub.visibility import visibility_key, visible_pages

from . import content_types
from .listing import FILTERS


def hint(request, index_page, user, filters):
    """[{code, count, language}] for each other language with pages to tell
    of; ``filters``: filter name -> slug or year, as the list applies them."""
    counts = cached(
        request,
        "other-language-counts",
        index_page.pk,
        sorted(filters.items()),
        visibility_key(user),
        build=lambda: untranslated_counts(
            index_page.listing_model, index_page.locale_id, user, filters
        ),
    )
    return [
        {
            "code": code,
            "count": counts[code],
            "language": str(settings.TRANSLATED_LANGUAGE_NAMES[code]).lower(),
        }
        for code, _name in settings.LANGUAGES
        if counts.get(code)
    ]


def untranslated_counts(model, locale_id, user, filters):
    """Language code -> how many live pages of ``model`` in that language match
    ``filters``, may be seen by ``user`` and have no translation in
    ``locale_id`` that ``user`` may see."""
    translated_here = visible_pages(model.objects.live(), user).filter(
        locale_id=locale_id, translation_key=OuterRef("translation_key")
    )
    pages = (
        visible_pages(model.objects.live(), user)
        .exclude(locale_id=locale_id)
        .exclude(Exists(translated_here))
    )
    for name, value in filters.items():
        pages = pages.filter(**{FILTERS[name].lookup: value})
    rows = (
        pages.order_by()
        .values("locale__language_code")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["locale__language_code"]: row["count"] for row in rows}


def content_type_key(model):
    """ "practice", "template" or "training": which noun the hint uses."""
    return next(t.key for t in content_types.registered() if t.model is model)
