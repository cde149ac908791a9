"""``manage.py restore_hub ARCHIVE.tar.gz [--force]``: an archive made by
``backup_hub`` into an empty, migrated installation, then the search index
rebuilt (``hub.backups.restore``, docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from hub.backups.restore import RestoreRefused, restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty, migrated installation (same "
        "migrations), checking every checksum first; then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="path of the .tar.gz made by backup_hub")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the content of a database and storage that are not empty",
        )

    def handle(self, *args, archive, force, **options):
        log = self.stdout.write if options["verbosity"] else lambda message: None
        try:
            manifest = restore(archive, force=force, log=log)
        except RestoreRefused as exc:
            raise CommandError(f"Restore refused, nothing written: {exc}") from exc
        self.stdout.write(
            f"Restored {archive} (made {manifest['created']} on "
            f"{manifest['database_vendor']})."
        )
