from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The programme page, useful links and the contact form (issue #15)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Portail du programme")

    def ready(self):
        from . import page_context

        page_context.register_builders()
