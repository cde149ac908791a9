"""Our own document and image models (Wagtail's swappable ones).

Documents know their language and kind and carry the extracted text that search
indexes; images require alternative text because the hub must be usable with a
screen reader.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

DOCUMENT_LANGUAGE_CHOICES = [
    ("fr", _("Français")),
    ("ar", _("Arabe")),
    ("fr-ar", _("Bilingue français–arabe")),
]


class HubDocument(AbstractDocument):
    language = models.CharField(
        _("langue"), max_length=5, choices=DOCUMENT_LANGUAGE_CHOICES, default="fr"
    )
    kind = models.ForeignKey(
        "practices.DocumentKind",
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

    admin_form_fields = Document.admin_form_fields + ("language", "kind")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]

    @property
    def format_label(self):
        """Upper-case extension shown next to download links (PDF, DOCX…)."""
        return self.file_extension.upper()


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
