from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Documents and images: versions, upload checks, text extraction, previews,
    downloads and who may have them (docs/architecture.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
