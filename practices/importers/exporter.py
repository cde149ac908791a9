"""Writing the site's pages in the import format (the inverse of writer.py).

Output is deterministic — records ordered originals first, then translations, each
by ref; keys in a fixed order; attachments copied as ``attachments/<ref>-<n>.<ext>``
and the body's images as ``images/<ref>-<n>.<ext>`` — so export → import into an
empty site → export gives the same bytes.

Nothing private leaves unmarked: every page, attachment and image says who may
see it (``visibility``, see visibility.py); a shared password is never written.
"""

import json
import shutil
from pathlib import Path

from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from .. import content_types
from .fields import fields_for
from .indicators import exported as exported_indicator
from .stream import export_body
from .visibility import Collections, GroupKeys, page_value, rules_of


def export_records(out_path):
    """Write every page with a ref to ``out_path``; returns the number of
    records and the warnings for the operator."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    files = ExportFiles(out_path.parent)
    lines = [
        json.dumps(record_of(page, source_ref, files), ensure_ascii=False)
        for page, source_ref in ordered_pages()
    ]
    out_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    warnings = [
        _(
            "le groupe « %s » n'a pas de clé stable : il est omis de la "
            "visibilité exportée (moins de monde verra ces contenus après import)"
        )
        % name
        for name in sorted(files.keys.unnamed)
    ]
    return len(lines), warnings


def ordered_pages():
    """(page, ref of its original or None): originals first, then translations,
    each sorted by type and ref, so an import meets a source before its
    translations. A translation whose original is not exported (unpublished,
    say) is written as an original: re-imported, that is what it becomes."""
    pages = [page for model in content_types.models() for page in pages_of(model)]
    refs_by_key = {group_key(p): p.ref for p in pages if is_original(p)}
    sources = {
        p.pk: None if is_original(p) else refs_by_key.get(group_key(p)) for p in pages
    }
    return sorted(
        ((p, sources[p.pk]) for p in pages),
        key=lambda item: (
            item[1] is not None,
            content_types.of(item[0]).key,
            item[0].ref,
        ),
    )


def group_key(page):
    return page.translation_key, content_types.of(page).key


def pages_of(model):
    return (
        model.objects.live()
        .exclude(ref=None)
        .select_related("locale")
        .prefetch_related("attachments__document__collection", "tagged_items__tag")
    )


def is_original(page):
    return page.locale.language_code == page.original_language


def record_of(page, source_ref, files=None):
    """``page`` as an import record. Attachments and images are copied by
    ``files`` (an ExportFiles); without it they are named by id, which is
    enough to compare a page before and after an import (writer.content_of)."""
    files = files or ExportFiles(None)
    record = {
        "ref": page.ref,
        "type": content_types.of(page).key,
        "language": page.locale.language_code,
    }
    if source_ref:
        record["translation_of"] = source_ref
    record["title"] = page.title
    for spec in fields_for(record["type"]):
        value = globals()[f"_get_{spec.kind}"](page, spec, files)
        if value not in (None, "", [], {}):
            record[spec.name] = value
    return record


def _get_text(page, spec, _dir):
    return getattr(page, spec.name)


_get_rich = _get_choice = _get_int = _get_text


def _get_date(page, spec, _dir):
    value = getattr(page, spec.name)
    return value.isoformat() if value else None


def _get_visibility(page, spec, files):
    return page_value(page, files.keys, files.page_rules)


def _get_body(page, spec, files):
    numbers = iter(range(1, len(page.body) + 1))
    return export_body(page.body, lambda image: files.image(page, next(numbers), image))


def _get_term(page, spec, _dir):
    term = getattr(page, spec.name)
    return term.slug if term else None


def _get_terms(page, spec, _dir):
    return sorted(term.slug for term in getattr(page, spec.name).all())


def _get_tags(page, spec, _dir):
    return sorted(item.tag.name for item in page.tagged_items.all())


def _get_participants(page, spec, _dir):
    return {p.target_public.slug: p.count for p in page.participations.all()}


def _get_indicators(page, spec, _dir):
    return [exported_indicator(b.value) for b in page.indicators]


def _get_sessions(page, spec, _files):
    return [
        {
            key: b.value[key]
            for key in ("title", "duration", "description")
            if b.value[key]
        }
        if b.block_type == "session"
        else {"note": b.value}
        for b in page.sessions
    ]


def _get_attachments(page, spec, files):
    documents = [attachment.document for attachment in page.attachments.all()]
    return [
        files.document(page, number, document)
        for number, document in enumerate(documents, start=1)
    ]


class ExportFiles:
    """What an export reads once (group keys, view restrictions) and the files
    it copies beside the export: ``attachments/<ref>-<n>.<ext>`` and
    ``images/<ref>-<n>.<ext>``. ``directory=None``: nothing is copied, files
    are named by id (to compare a page before and after an import)."""

    def __init__(self, directory):
        self.directory = Path(directory) if directory is not None else None
        self.keys = GroupKeys()
        self.page_rules = rules_of(PageViewRestriction)
        self.collections = Collections(self.keys)

    def document(self, page, number, document):
        if self.directory is None:
            return {"document": document.pk}
        extension = document.file_extension.lower()
        return {
            "path": self._copy(
                document, "attachments", f"{page.ref}-{number}", extension
            ),
            "title": document.title,
            "language": document.language,
            "visibility": self.collections.value_of(document.collection),
        }

    def image(self, page, number, image):
        if self.directory is None:
            return {"image": image.pk}
        extension = Path(image.file.name).suffix.lstrip(".").lower()
        return {
            "path": self._copy(image, "images", f"{page.ref}-{number}", extension),
            "title": image.title,
            "description": image.description,
            "visibility": self.collections.value_of(image.collection),
        }

    def _copy(self, stored, folder, stem, extension):
        name = f"{folder}/{stem}.{extension}"
        target = self.directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with stored.open_file() as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        return name
