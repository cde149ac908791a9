"""Writing the site's pages in the import format (the inverse of writer.py).

Output is deterministic — records ordered originals first, then translations, each
by ref; keys in a fixed order; attachments copied as ``attachments/<ref>-<n>.<ext>``
— so export → import into an empty site → export gives the same bytes.
"""

import json
import shutil
from html import escape
from pathlib import Path

from ..models import hub_page_models
from .fields import fields_for


def export_records(out_path):
    """Write every page with a ref to ``out_path``; returns the number of records."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    copy = AttachmentCopier(out_path.parent)
    lines = [
        json.dumps(record_of(page, source_ref, copy), ensure_ascii=False)
        for page, source_ref in ordered_pages()
    ]
    out_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def ordered_pages():
    """(page, ref of its original or None): originals first, then translations,
    each sorted by type and ref, so an import meets a source before its
    translations. A translation whose original is not exported (unpublished,
    say) is written as an original: re-imported, that is what it becomes."""
    pages = [page for model in hub_page_models() for page in pages_of(model)]
    refs_by_key = {group_key(p): p.ref for p in pages if is_original(p)}
    sources = {
        p.pk: None if is_original(p) else refs_by_key.get(group_key(p)) for p in pages
    }
    return sorted(
        ((p, sources[p.pk]) for p in pages),
        key=lambda item: (item[1] is not None, item[0].import_type, item[0].ref),
    )


def group_key(page):
    return page.translation_key, page.import_type


def pages_of(model):
    return (
        model.objects.live()
        .exclude(ref=None)
        .select_related("locale")
        .prefetch_related("attachments__document", "tagged_items__tag")
    )


def is_original(page):
    return page.locale.language_code == page.original_language


def record_of(page, source_ref, copy_attachment=None):
    """``page`` as an import record. Attachments are copied with
    ``copy_attachment``; without it they are named by document id, which is
    enough to compare a page before and after an import (writer.content_of)."""
    record = {
        "ref": page.ref,
        "type": page.import_type,
        "language": page.locale.language_code,
    }
    if source_ref:
        record["translation_of"] = source_ref
    record["title"] = page.title
    for spec in fields_for(page.import_type):
        value = globals()[f"_get_{spec.kind}"](page, spec, copy_attachment)
        if value not in (None, "", [], {}):
            record[spec.name] = value
    return record


def _get_text(page, spec, _dir):
    return getattr(page, spec.name)


_get_rich = _get_choice = _get_int = _get_text


def _get_date(page, spec, _dir):
    value = getattr(page, spec.name)
    return value.isoformat() if value else None


def _get_body(page, spec, _dir):
    return "".join(block_html(block) for block in page.body)


def block_html(block):
    if block.block_type == "paragraph":
        return block.value.source
    if block.block_type == "heading":
        return f"<h3>{escape(block.value)}</h3>"  # a heading is plain text
    return block.render()


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
    return [
        {"label": b.value["label"], "value": b.value["value"]} for b in page.indicators
    ]


def _get_sessions(page, spec, _dir):
    return [
        {
            key: b.value[key]
            for key in ("title", "duration", "description")
            if b.value[key]
        }
        for b in page.sessions
        if b.block_type == "session"
    ]


def _get_attachments(page, spec, copy_attachment):
    documents = [attachment.document for attachment in page.attachments.all()]
    if copy_attachment is None:
        return [{"document": document.pk} for document in documents]
    return [
        {
            "path": copy_attachment(page, number, document),
            "title": document.title,
            "language": document.language,
        }
        for number, document in enumerate(documents, start=1)
    ]


class AttachmentCopier:
    """Copies a document beside the export as ``attachments/<ref>-<n>.<ext>``."""

    def __init__(self, directory):
        self.directory = Path(directory) / "attachments"

    def __call__(self, page, number, document):
        name = f"{page.ref}-{number}.{document.file_extension.lower()}"
        self.directory.mkdir(parents=True, exist_ok=True)
        with (
            document.open_file() as source,
            (self.directory / name).open("wb") as target,
        ):
            shutil.copyfileobj(source, target)
        return f"attachments/{name}"
