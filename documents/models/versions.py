"""Earlier files of a document, kept listed and downloadable.

Templates evolve (a new budget line, a corrected clause) while communes are
half-way through using the old one: replacing a document's file makes the new
file the current version and keeps the previous one, instead of deleting it as
stock Wagtail does (``practices.wagtail_hooks.KeepEarlierFilesEditAction``).
Every file of a document, the current one included, has a row here, written by
``HubDocument.save`` whenever a new file is stored.

A new file for a published document is not stored as the document's file: it
waits here, ``pending``, until the coordination approves it — then it becomes
the document's file and this same row its current version — or rejects it
(``documents.pending_files``). A pending version is never listed or served to
the public.
"""

import hashlib
import posixpath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        "documents.HubDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("numéro de version"))
    file = models.FileField(_("fichier"), upload_to="documents", max_length=255)
    file_size = models.PositiveBigIntegerField(_("taille"), null=True, blank=True)
    checksum = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note de version"), max_length=255, blank=True)
    pending = models.BooleanField(
        _("en attente de validation"),
        default=False,
        help_text=_("Un nouveau fichier que la coordination n'a pas encore validé."),
    )

    class Meta:
        verbose_name = _("version de document")
        verbose_name_plural = _("versions de document")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="unique_document_version"
            )
        ]

    def __str__(self):
        return f"{self.document_id} v{self.number}"

    @property
    def filename(self):
        return posixpath.basename(self.file.name)

    @property
    def url(self):
        """Our download view (ranges, privacy, counting), never the media URL."""
        return reverse(
            "document-version",
            args=[self.document_id, self.number, self.filename],
        )


def next_number(document):
    latest = document.versions.aggregate(models.Max("number"))["number__max"]
    return (latest or 0) + 1


def sha256(file):
    """SHA-256 of an open file, read in chunks, left at its start."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def record_version(document, uploaded_by_id=None, note=""):
    """Add the document's current file as its newest version — or, when it is
    a pending version just approved, make that version current."""
    approved = document.versions.filter(pending=True, file=document.file.name).first()
    if approved is not None:
        approved.pending = False
        approved.save(update_fields=["pending"])
        return approved
    return DocumentVersion.objects.create(
        document=document,
        number=next_number(document),
        file=document.file.name,
        file_size=document.file_size,
        checksum=document.checksum,
        uploaded_by_id=uploaded_by_id,
        note=note,
    )
