from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "hubsearch"
    verbose_name = _("Recherche")

    def ready(self):
        # Connects the signals that invalidate the facet index, the promotions
        # and the glossary in every process (management commands too, not only
        # those that load the URLs).
        from . import signal_handlers

        signal_handlers.connect()
