from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = _("Alertes")

    def ready(self):
        # Publishing sends the immediate alerts in every process that publishes
        # (the admin, imports, commands); « Mon compte » lists the follows.
        from hub import personal_data

        from . import member_records, signal_handlers

        signal_handlers.connect()
        personal_data.register("alerts", member_records.member_follows)
        personal_data.register_purge(member_records.purge_sent_records)
