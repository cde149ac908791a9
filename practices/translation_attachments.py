"""A fiche's documents on every translation of it (issue #13).

Attachments belong to a page; a translation made by wagtail-localize may have
none, so the Arabic version of a practice showed no documents while the
French one had three. Every translation now lists its own attachments, then
those of its other translations that the viewer may see (live, not refused by
a view restriction: a document attached only to a page the viewer may not
see is not published to them, ``documents.access``), each document once.
Each is labelled with the document's own language (the template), and a
private document still shows as such (``privacy_tags.refused_documents``).

The other translations' attachments are kept in the cache per visibility
until any content changes (``hub.content_version``): one query, cold only.
"""

from hub.content_version import cached
from hub.visibility import viewer, visibility_key, visible_pages


def attachments_of(page, request):
    """The page's attachment rows, then its visible translations' rows whose
    document it does not attach itself, with their documents."""
    own = list(page.attachments.select_related("document"))
    if request is None or not page.pk:
        return own
    user = viewer(request)
    others = cached(
        request,
        "translation-attachments",
        page.pk,
        visibility_key(user),
        build=lambda: translations_rows(page, user),
    )
    seen = {row.document_id for row in own}
    for row in others:
        if row.document_id not in seen:
            seen.add(row.document_id)
            own.append(row)
    return own


def translations_rows(page, user):
    """The attachment rows of the live translations of ``page`` that ``user``
    may see, oldest page (the source) first (one query)."""
    translations = visible_pages(type(page).objects.live(), user).filter(
        translation_key=page.translation_key
    )
    rows = (
        page.attachments.model.objects.filter(
            page__in=translations.exclude(pk=page.pk).values("pk")
        )
        .select_related("document")
        .order_by("page_id", "sort_order")
    )
    return list(rows)
