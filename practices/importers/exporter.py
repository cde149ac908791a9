"""Writing the site's pages in the import format (the inverse of writer.py).

Output is deterministic — records ordered originals first, then translations, each
by ref; keys in a fixed order; attachments copied as ``attachments/<ref>-<n>.<ext>``
— so export → import into an empty site → export gives the same bytes.
"""

import json
import shutil
from pathlib import Path

from ..models import hub_page_models
from .fields import fields_for


def export_records(out_path):
    """Write every page with a ref to ``out_path``; returns the number of records."""
    out_path = Path(out_path)
    attachments_dir = out_path.parent / "attachments"
    pages = [page for model in hub_page_models() for page in pages_of(model)]
    originals = sorted(
        (p for p in pages if is_original(p)), key=lambda p: (p.import_type, p.ref)
    )
    translations = sorted(
        (p for p in pages if not is_original(p)), key=lambda p: (p.import_type, p.ref)
    )
    refs_by_key = {(p.translation_key, p.import_type): p.ref for p in originals}
    lines = []
    for page in originals + translations:
        source_ref = None if is_original(page) else refs_by_key.get((page.translation_key, page.import_type))
        lines.append(json.dumps(record_of(page, source_ref, attachments_dir), ensure_ascii=False))
    out_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def pages_of(model):
    return (
        model.objects.live()
        .exclude(ref=None)
        .select_related("locale")
        .prefetch_related("attachments__document", "tagged_items__tag")
    )


def is_original(page):
    return page.locale.language_code == page.original_language


def record_of(page, source_ref, attachments_dir):
    record = {
        "ref": page.ref,
        "type": page.import_type,
        "language": page.locale.language_code,
    }
    if source_ref:
        record["translation_of"] = source_ref
    record["title"] = page.title
    for spec in fields_for(page.import_type):
        value = globals()[f"_get_{spec.kind}"](page, spec, attachments_dir)
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
        return f"<h3>{block.value}</h3>"
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
    return [{"label": b.value["label"], "value": b.value["value"]} for b in page.indicators]


def _get_sessions(page, spec, _dir):
    return [
        {key: b.value[key] for key in ("title", "duration", "description") if b.value[key]}
        for b in page.sessions
        if b.block_type == "session"
    ]


def _get_attachments(page, spec, attachments_dir):
    items = []
    for number, attachment in enumerate(page.attachments.all(), start=1):
        document = attachment.document
        name = f"{page.ref}-{number}.{document.file_extension.lower()}"
        attachments_dir.mkdir(parents=True, exist_ok=True)
        with document.open_file() as source, (attachments_dir / name).open("wb") as target:
            shutil.copyfileobj(source, target)
        items.append({"path": f"attachments/{name}", "title": document.title, "language": document.language})
    return items
