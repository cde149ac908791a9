"""Writing checked records: upsert by ref, translations linked, published.

The caller wraps ``write`` in one transaction; files saved to storage are listed
in ``stored_files`` so that a rollback can remove them too (nothing half-written).
"""

import hashlib
from html import escape

from django.core.files import File
from django.utils.text import slugify
from wagtail.models import Collection, Locale
from wagtail.rich_text import RichText

from ..models import HubDocument, PracticeParticipation, TargetPublic, find_page_by_ref
from ..models.practices import PracticePage
from ..models.resources import TemplatePage, TrainingPage
from ..site_structure import ensure_site, index_page
from .fields import fields_for

MODELS = {"practice": PracticePage, "template": TemplatePage, "training": TrainingPage}


def text_to_html(text):
    """Plain text with blank-line paragraphs becomes <p>…</p>; HTML is kept."""
    if not text or text.lstrip().startswith("<"):
        return text or ""
    paragraphs = [
        p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()
    ]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


class Writer:
    def __init__(self):
        self.stored_files = []
        self.created = 0
        self.updated = 0
        self._terms = {}
        self._locales = {}
        self._collection = None
        self.current_line = 0

    def write(self, records):
        ensure_site()
        for record in records:
            self.write_record(record)
        return self

    def locale(self, code):
        if code not in self._locales:
            self._locales[code] = Locale.objects.get(language_code=code)
        return self._locales[code]

    def write_record(self, record):
        self.current_line = record.line
        data = record.data
        locale = self.locale(data["language"])
        source = (
            find_page_by_ref(data["translation_of"])
            if "translation_of" in data
            else None
        )
        page = find_page_by_ref(data["ref"])
        if page is None and source is not None:
            page = source.get_translation_or_none(locale)
        if page is None:
            page = self._create_page(data, locale, source)
            self.created += 1
        else:
            page = page.specific
            self.updated += 1
        page.title = data["title"]
        page.ref = data["ref"]
        page.original_language = (
            source.original_language if source else data["language"]
        )
        for spec in fields_for(data["type"]):
            value = data.get(spec.name)
            if value is None and source is not None and spec.inherited:
                getattr(self, f"_inherit_{spec.kind}", self._inherit_plain)(
                    page, source, spec
                )
            else:
                getattr(self, f"_set_{spec.kind}")(page, spec, value, locale)
        page.save_revision().publish()

    def _create_page(self, data, locale, source):
        if source is not None:
            return source.specific.copy_for_translation(locale, copy_parents=True)
        parent = index_page(data["type"], locale)
        page = MODELS[data["type"]](
            title=data["title"],
            slug=self._free_slug(parent, data["ref"]),
            locale=locale,
        )
        parent.add_child(instance=page)
        return page

    @staticmethod
    def _free_slug(parent, ref):
        base = slugify(ref)[:200] or "page"
        slug, n = base, 1
        while parent.get_children().filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    # Setters, one per field kind (see fields.py) ---------------------------------

    def _set_text(self, page, spec, value, locale):
        setattr(page, spec.name, value or "")

    def _set_rich(self, page, spec, value, locale):
        setattr(page, spec.name, text_to_html(value))

    def _set_body(self, page, spec, value, locale):
        page.body = [("paragraph", RichText(text_to_html(value)))] if value else []

    def _set_int(self, page, spec, value, locale):
        setattr(page, spec.name, value)

    _set_date = _set_int

    def _set_choice(self, page, spec, value, locale):
        setattr(page, spec.name, value or "completed")

    def _set_term(self, page, spec, value, locale):
        setattr(page, spec.name, self.term(value, locale) if value else None)

    def _set_terms(self, page, spec, value, locale):
        setattr(page, spec.name, [self.term(ref, locale) for ref in value or []])

    def _set_tags(self, page, spec, value, locale):
        page.tags.set(value or [])

    def _set_participants(self, page, spec, value, locale):
        page.participations = [
            PracticeParticipation(
                target_public=self.term_by_slug(TargetPublic, slug, locale), count=count
            )
            for slug, count in (value or {}).items()
        ]

    def _set_indicators(self, page, spec, value, locale):
        page.indicators = [("indicator", item) for item in value or []]

    def _set_sessions(self, page, spec, value, locale):
        page.sessions = [
            ("session", {"duration": "", "description": "", **item})
            for item in value or []
        ]

    def _set_attachments(self, page, spec, value, locale):
        page.attachments = [
            type(page).attachments.rel.related_model(
                document=self.document(item, locale)
            )
            for item in value or []
        ]

    # Translations leave out what does not change between languages -------------

    def _inherit_plain(self, page, source, spec):
        setattr(page, spec.name, getattr(source.specific, spec.name))

    def _inherit_term(self, page, source, spec):
        value = getattr(source.specific, spec.name)
        setattr(page, spec.name, value)  # re-pointed to the page's locale on save

    def _inherit_terms(self, page, source, spec):
        setattr(page, spec.name, list(getattr(source.specific, spec.name).all()))

    def _inherit_participants(self, page, source, spec):
        page.participations = [
            PracticeParticipation(target_public=p.target_public, count=p.count)
            for p in source.specific.participations.all()
        ]

    # Terms and documents ----------------------------------------------------------

    def term(self, ref, locale):
        if ref.create:
            self._create_term(ref)
        return self.term_by_slug(ref.model, ref.slug, locale)

    def term_by_slug(self, model, slug, locale):
        key = (model, slug, locale.pk)
        if key not in self._terms:
            term = model.objects.filter(slug=slug, locale=locale).first()
            if term is None:
                original = model.objects.filter(slug=slug).first()
                term = original.copy_for_translation(locale)
                term.save()
            self._terms[key] = term
        return self._terms[key]

    def _create_term(self, ref):
        if ref.model.objects.filter(slug=ref.slug).exists():
            return
        fields = {"slug": ref.slug, "name": ref.name[:255], "locale": self.locale("fr")}
        if hasattr(ref.model, "country"):
            fields["country"] = "MA"
        ref.model.objects.create(**fields)

    def document(self, item, locale):
        path = item["file"]
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        title = item.get("title") or path.stem
        language = item.get("language", locale.language_code)
        existing = HubDocument.objects.filter(
            file_hash=digest, title=title, language=language
        ).first()
        if existing is not None:
            return existing
        document = HubDocument(
            title=title, language=language, collection=self.collection()
        )
        with path.open("rb") as handle:
            document.file.save(path.name, File(handle), save=False)
        self.stored_files.append(document.file.name)
        document._set_document_file_metadata()
        document.save()
        return document

    def collection(self):
        if self._collection is None:
            self._collection = Collection.get_first_root_node()
        return self._collection
