from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "hubsearch"
    verbose_name = _("Recherche")

    def ready(self):
        # Connects the signals that invalidate the facet index and the promotions
        # cache in every process
        # (management commands too, not only those that load the URLs).
        from . import facets, promotions, visibility  # noqa: F401
