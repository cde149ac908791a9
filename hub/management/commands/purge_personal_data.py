"""Erase the personal records the privacy notice says are kept for a while:
sign-in records (django-axes) older than SIGN_IN_RECORDS_RETENTION_DAYS, and
the search queries' daily counts (Wagtail's query log and the search app's
per-language log, which hold no user nor address) older than
SEARCH_QUERIES_RETENTION_DAYS, with the queries no count
nor promotion is left for. Run daily (docs/operations.md); safe to run at any time."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from hub import personal_data


class Command(BaseCommand):
    help = _(
        "Efface les tentatives de connexion et les recherches plus anciennes que "
        "les durées de conservation annoncées."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        sign_in = now - timedelta(days=settings.SIGN_IN_RECORDS_RETENTION_DAYS)
        erased = sum(
            model.objects.filter(attempt_time__lt=sign_in).delete()[0]
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        )
        queries = (now - timedelta(days=settings.SEARCH_QUERIES_RETENTION_DAYS)).date()
        hits = QueryDailyHits.objects.filter(date__lt=queries).delete()[0]
        # By name: hub sits below the search app (import-linter layers).
        per_language = apps.get_model("hubsearch", "SearchQueryDay")
        hits += per_language.objects.filter(day__lt=queries).delete()[0]
        # A query the coordination promotes results for stays (its promotions
        # would go with it): the words alone are no personal data.
        orphans = Query.objects.filter(
            daily_hits__isnull=True, editors_picks__isnull=True
        ).delete()[0]
        # The apps' own expiring records (alerts: what was sent to whom).
        alerts_sent = personal_data.purge_all(now)
        self.stdout.write(
            _(
                "%(sign_in)d enregistrements de connexion, %(hits)d comptes "
                "journaliers de recherche et %(queries)d recherches effacés."
            )
            % {"sign_in": erased, "hits": hits, "queries": orphans}
        )
        self.stdout.write(
            _("%(count)d traces d'alertes envoyées effacées.") % {"count": alerts_sent}
        )
