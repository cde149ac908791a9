"""After a change made outside the admin (SQL by hand, ``QuerySet.update``, a
shell script), no signal told the caches: every cached page and fragment is
retired at once by moving the content version (``hub.content_version``)."""

from django.core.management.base import BaseCommand

from hub.content_version import content_version


class Command(BaseCommand):
    help = (
        "Retire every cached page and fragment (after a change made outside the "
        "admin); the next visitor of each page renders it afresh."
    )

    def handle(self, *args, **options):
        content_version.bump()
        self.stdout.write("Cached pages and fragments expired.")
