"""What an import creates besides pages: vocabulary terms, documents, images.

All are found before being created, so that re-importing a file reuses them. A
document or an image goes to a collection as private as its ``visibility``
says (visibility.Collections), and is reused only from such a collection: the
same file marked "partners" never lands in, nor is taken from, a public one.
"""

import hashlib

from django.core.files import File

from documents.models import HubDocument, HubImage
from documents.uploads.validation import (
    UploadRefused,
    sanitise_filename,
    validate_image_upload,
    validate_upload,
)


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


def check_attachment(path, validate=validate_upload):
    """The admin's upload checks: an import must not store what an upload would
    refuse. The refusal names the file; the import reports it with its line."""
    with path.open("rb") as handle:
        try:
            validate(File(handle), sanitise_filename(path.name))
        except UploadRefused as refusal:
            raise UploadRefused(f"« {path.name} » : {refusal}") from refusal


class FileStore:
    """Stored files found by content and descriptive fields, in a collection
    of the wanted visibility (None, from older files: any, else public)."""

    model = None
    validate = staticmethod(validate_upload)

    def __init__(self, collections, stored_files):
        self.collections = collections
        self.stored_files = stored_files  # names in storage, removed on failure

    def find_or_create(self, path, visibility, **fields):
        check_attachment(path, self.validate)
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        candidates = self.model.objects.filter(file_hash=digest, **fields)
        for existing in candidates.select_related("collection").order_by("pk"):
            found = self.collections.value_of(existing.collection)
            if visibility is None or found == visibility:
                return existing
        stored = self.model(collection=self.collections.for_value(visibility), **fields)
        with path.open("rb") as handle:
            stored.file.save(path.name, File(handle), save=False)
        self.stored_files.append(stored.file.name)
        self.read_metadata(stored)
        stored.save()
        return stored


class DocumentStore(FileStore):
    """Documents by content, title and language: the same file attached again
    (re-import, or the same file on both language versions) is one document."""

    model = HubDocument

    def get(self, item, locale):
        path = item["file"]
        return self.find_or_create(
            path,
            item.get("visibility"),
            title=item.get("title") or path.stem,
            language=item.get("language", locale.language_code),
        )

    @staticmethod
    def read_metadata(document):
        document._set_document_file_metadata()


class ImageStore(FileStore):
    """The body's images by content, title and alternative text."""

    model = HubImage
    validate = staticmethod(validate_image_upload)

    def get(self, item):
        path = item["file"]
        title = item.get("title") or path.stem
        return self.find_or_create(
            path,
            item.get("visibility"),
            title=title,
            description=item.get("description") or item.get("alt_text") or title,
        )

    @staticmethod
    def read_metadata(image):
        image._set_image_file_metadata()
