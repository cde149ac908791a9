"""Enqueue this week's alert digests (alerts/digests.py) for the worker; cron
runs it weekly (docs/operations.md). Running it twice sends nothing twice."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alerts.digests import send_weekly_digests


class Command(BaseCommand):
    help = _("Envoie les alertes hebdomadaires des membres (par le travailleur).")

    def handle(self, *args, **options):
        result = send_weekly_digests.enqueue()
        self.stdout.write(
            _("Alertes hebdomadaires : tâche %(id)s.") % {"id": result.id}
        )
