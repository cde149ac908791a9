"""Our own document and image models (Wagtail's swappable ones).

Documents know their language and kind and carry the extracted text that search
indexes; images require alternative text because the hub must be usable with a
screen reader.

A new file is stored at once, with its SHA-256 and a version, and its text,
page count and thumbnail marked pending (``extraction_state``): they are read in
the background (``documents.file_facts``, a task asked for through the
``file_stored`` signal), so an upload never waits for a 500-page PDF.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from ..signals import file_stored
from .versions import record_version, sha256

DOCUMENT_LANGUAGE_CHOICES = [
    ("fr", _("Français")),
    ("ar", _("Arabe")),
    ("fr-ar", _("Bilingue français–arabe")),
]


class ExtractionState(models.TextChoices):
    PENDING = "pending", _("en attente")
    DONE = "done", _("terminée")


# What the background task reads from the file (``documents.file_facts``).
FILE_FACT_FIELDS = (
    "extracted_text",
    "page_count",
    "extraction_problem",
    "thumbnail_width",
    "thumbnail_height",
    "extraction_state",
)


class HubDocument(AbstractDocument):
    language = models.CharField(
        _("langue"), max_length=5, choices=DOCUMENT_LANGUAGE_CHOICES, default="fr"
    )
    kind = models.ForeignKey(
        "programme.DocumentKind",
        verbose_name=_("type de document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extracted_text = models.TextField(_("texte extrait"), blank=True, editable=False)
    checksum = models.CharField(
        _("empreinte SHA-256"), max_length=64, blank=True, editable=False
    )
    page_count = models.PositiveIntegerField(
        _("nombre de pages"), null=True, blank=True, editable=False
    )
    extraction_problem = models.CharField(
        _("problème d'extraction du texte"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Pourquoi le texte du fichier n'a pas pu être lu, le cas échéant."),
    )
    extraction_state = models.CharField(
        _("lecture du fichier"),
        max_length=10,
        choices=ExtractionState.choices,
        default=ExtractionState.DONE,
        editable=False,
        help_text=_(
            "Le texte, le nombre de pages et la vignette d'un nouveau fichier sont "
            "lus en arrière-plan, peu après le dépôt."
        ),
    )
    # Incremented in one UPDATE per download (documents.downloads), read with the
    # document itself: showing the count costs no query.
    download_count = models.PositiveIntegerField(
        _("téléchargements"), default=0, editable=False
    )
    # The size of the first-page thumbnail (DocumentThumbnail), so that pages set
    # <img width height> without loading it; null when there is none.
    thumbnail_width = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False
    )
    thumbnail_height = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False
    )

    admin_form_fields = Document.admin_form_fields + ("language", "kind")
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("extracted_text"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored file's name, to notice a new one on save; read from __dict__
        # so that a deferred "file" is not fetched (None: not known).
        stored = self.__dict__.get("file")
        self._stored_file_name = getattr(stored, "name", stored)

    @property
    def format_label(self):
        """Upper-case extension shown next to download links (PDF, DOCX…)."""
        return self.file_extension.upper()

    def clean(self):
        # Wagtail's clean() checks the file's extension. The multiple uploader
        # validates the metadata form of a kept-aside upload (already checked)
        # before attaching its file, so there is no file yet, and the error it
        # would raise for "file" crashes that form, which has no file field.
        if self.file:
            super().clean()

    @property
    def thumbnail_url(self):
        """The thumbnail's address; it changes with the file (the checksum), so
        browsers may cache it for good. The whole checksum: the view refuses
        anything less (``downloads.serve_thumbnail``)."""
        if not self.thumbnail_width:
            return ""
        return reverse("document-thumbnail", args=[self.pk, self.checksum])

    @property
    def extraction_pending(self):
        return self.extraction_state == ExtractionState.PENDING

    def save(self, *args, **kwargs):
        # Every way in (admin forms, multiple upload, importer) ends here, so a
        # new file is fingerprinted once, before it is stored, every stored file
        # becomes a version, and its text and thumbnail are asked for.
        new_file = self._has_new_file()
        if new_file:
            self.checksum = self.file_checksum()
            self.mark_file_facts_pending()
        elif self.extraction_pending and self.pk and "update_fields" not in kwargs:
            # Loaded while the worker was reading the file (an editor's form):
            # everything but what the worker writes, which this copy predates.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in FILE_FACT_FIELDS
            ]
        super().save(*args, **kwargs)
        self._stored_file_name = self.file.name
        if new_file:
            # Set by the admin's edit action when a file is replaced.
            replaced_by = getattr(self, "file_replaced_by", None)
            record_version(
                self,
                getattr(replaced_by, "pk", self.uploaded_by_user_id),
                note=getattr(self, "file_version_note", ""),
            )
            file_stored.send(sender=type(self), document=self)
            # Under the immediate backend the task has run already: this
            # instance shows what it stored, as the row does.
            self.refresh_from_db(fields=FILE_FACT_FIELDS)

    def _has_new_file(self):
        if not self.file:
            return False
        if not self.file._committed:  # an upload not yet written to storage
            return True
        known = self._stored_file_name
        return known is not None and self.file.name != known

    def file_checksum(self):
        """SHA-256 of the current file."""
        with self.open_file() as handle:
            return sha256(handle)

    def mark_file_facts_pending(self):
        """The previous file's text and thumbnail no longer apply: search stops
        finding the old words, pages show no stale thumbnail, until the task
        has read the new file."""
        self.extracted_text = ""
        self.page_count = None
        self.extraction_problem = ""
        self.thumbnail_width = self.thumbnail_height = None
        self.extraction_state = ExtractionState.PENDING


class DocumentThumbnail(models.Model):
    """The first page of a PDF as a small WebP (see ``documents.previews``).

    Kept in the database, apart from the document row so that listing documents
    never loads it: a few kilobytes per PDF, deleted with the document, served
    by ``documents.downloads.serve_thumbnail`` under the document's own privacy
    rules, with nothing to clean up in the media storage.
    """

    document = models.OneToOneField(
        HubDocument,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="thumbnail",
    )
    webp = models.BinaryField()

    def __str__(self):
        return f"{self.document_id}.webp"


class HubImage(AbstractImage):
    description = models.CharField(
        _("texte alternatif"),
        max_length=255,
        help_text=_(
            "Décrit l'image pour les personnes qui ne la voient pas (obligatoire)."
        ),
    )

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class HubRendition(AbstractRendition):
    image = models.ForeignKey(
        HubImage, related_name="renditions", on_delete=models.CASCADE
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
