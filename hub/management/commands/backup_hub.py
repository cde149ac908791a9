"""``manage.py backup_hub ARCHIVE.tar.gz``: the database and the media in one
archive (``hub.backups``, docs/operations.md). No secret is in it, but personal
data is (users' e-mail addresses and password hashes): keep it encrypted."""

from django.core.management.base import BaseCommand

from hub.backups import backup


class Command(BaseCommand):
    help = (
        "Write a backup archive (tar.gz): the database as a portable dump, every "
        "media file, and a manifest of the schema and sha256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="path of the .tar.gz to write")

    def handle(self, *args, archive, **options):
        log = self.stdout.write if options["verbosity"] else lambda message: None
        manifest = backup.make(archive, log=log)
        self.stdout.write(
            f"Backup written to {archive}: {len(manifest['members'])} members, "
            f"{len(manifest['migrations'])} migrations recorded."
        )
