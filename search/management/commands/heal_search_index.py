"""``manage.py heal_search_index``: heal the search engine now, in the foreground.

What the background task does when /readyz notices the engine is back
(``search.healing``): rebuild a missing or clearly short index behind its
alias, replay the writes kept during an outage, tell the coordination. For
cron and operators; prints what it found and did. Exits 1 when the engine does
not answer (or fails during the heal), so that cron reports it; 0 otherwise —
also without an engine (SEARCH_BACKEND=database) or when another heal runs.
"""

from django.core.management.base import BaseCommand, CommandError

from search.healing import heal


class Command(BaseCommand):
    help = (
        "Rebuild missing or short search indexes behind their alias and replay the "
        "engine writes kept during an outage."
    )

    def handle(self, *args, **options):
        report = heal(out=self.stdout.write)
        if report.notified:
            self.stdout.write(f"Coordination told: {report.notified} e-mail(s).")
        if report.engine == "down":
            raise CommandError(
                f"The search engine does not answer; {report.left} kept write(s) wait."
            )
