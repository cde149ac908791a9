from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "practices"
    verbose_name = _("Pratiques et ressources")

    def ready(self):
        from django.core import checks

        from hub import language_query
        from programme import partnership_map

        from . import language_bridge, page_context, signal_handlers
        from .checks import check_content_types
        from .communes_index import commune_page_urls
        from .fiche_pdf import signal_handlers as fiche_pdf_signals
        from .publishing import (
            collection_names,
            translator_scope,
            workflow_report_filters,
        )

        checks.register(check_content_types, checks.Tags.models)
        signal_handlers.connect()
        fiche_pdf_signals.connect()  # a fiche unpublished or deleted: its PDFs go
        page_context.register_builders()
        language_query.register(language_bridge.translate_params)
        # Before any permission check: the page policy every check asks.
        translator_scope.install()
        # Collections labelled in the reader's language (collection_names.py).
        collection_names.install()
        # The programme's map links each commune to its page, which we serve.
        partnership_map.register_commune_urls(commune_page_urls)
        # The workflow reports' filters too (workflow_report_filters.py).
        workflow_report_filters.install()
