"""What an import creates besides pages: vocabulary terms and documents.

Both are found before being created, so that re-importing a file reuses them.
"""

import hashlib

from django.core.files import File
from wagtail.models import Collection

from ..models import HubDocument
from ..uploads.validation import UploadRefused, sanitise_filename, validate_upload


class TermStore:
    """Terms in the locale of the page that links them (created when missing)."""

    def __init__(self, locale_of):
        self.locale_of = locale_of  # language code -> Locale
        self._terms = {}

    def get(self, ref, locale):
        if ref.create:
            self._create(ref)
        return self.by_slug(ref.model, ref.slug, locale)

    def localised(self, term, locale):
        return self.by_slug(type(term), term.slug, locale)

    def by_slug(self, model, slug, locale):
        key = (model, slug, locale.pk)
        if key not in self._terms:
            term = model.objects.filter(slug=slug, locale=locale).first()
            if term is None:
                original = model.objects.filter(slug=slug).first()
                term = original.copy_for_translation(locale)
                term.save()
            self._terms[key] = term
        return self._terms[key]

    def _create(self, ref):
        """A new term in French and Arabic (one translation key), as the
        vocabulary loader writes them; editors translate the name later."""
        if ref.model.objects.filter(slug=ref.slug).exists():
            return
        fields = {"slug": ref.slug, "name": ref.name[:255]}
        if hasattr(ref.model, "country"):
            fields["country"] = "MA"
        source = ref.model.objects.create(locale=self.locale_of("fr"), **fields)
        source.copy_for_translation(self.locale_of("ar")).save()


def check_attachment(path):
    """The admin's upload checks: an import must not store what an upload would
    refuse. The refusal names the file; the import reports it with its line."""
    with path.open("rb") as handle:
        try:
            validate_upload(File(handle), sanitise_filename(path.name))
        except UploadRefused as refusal:
            raise UploadRefused(f"« {path.name} » : {refusal}") from refusal


class DocumentStore:
    """Documents by content, title and language: the same file attached again
    (re-import, or the same file on both language versions) is one document."""

    def __init__(self):
        self.stored_files = []  # names in storage, to remove if the import fails
        self._collection = None

    def get(self, item, locale):
        path = item["file"]
        check_attachment(path)
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        title = item.get("title") or path.stem
        language = item.get("language", locale.language_code)
        existing = HubDocument.objects.filter(
            file_hash=digest, title=title, language=language
        ).first()
        return existing or self._create(path, title, language)

    def _create(self, path, title, language):
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
