from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """The programme's vocabularies: regions, communes, partnerships, themes,
    publics, document kinds (docs/architecture.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "programme"
    verbose_name = _("Programme")
