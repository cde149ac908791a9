"""Restore an archive into an empty installation (``manage.py restore_hub``).

In order, each step refusing before anything is written:

1. unpack the archive and check it against its manifest (``archive.extract``):
   every member present, every sha256 right;
2. the schema: the migrations applied here must be exactly the archive's;
3. the database must hold no content (users, pages beyond the two ``migrate``
   makes, documents, images) and the storage none of the archive's files,
   unless ``force`` (which replaces both).

Then the media are written, and the database, in one transaction, has every
table emptied and the dump loaded; a failure at any point rolls the database
back and deletes the files written: nothing is left half-restored.
After the commit the search index is rebuilt (``update_index``) and every
cached page and fragment retired (``expire_cached_pages``).
"""

import io
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from . import archive, database, media


class RestoreRefused(Exception):
    """The archive does not fit this installation; nothing was written."""


def restore(path, force=False, log=lambda message: None):
    """Restore the archive at ``path``; returns its manifest."""
    started = time.monotonic()

    def elapsed():
        return f"{time.monotonic() - started:.1f} s"

    with tempfile.TemporaryDirectory() as work:
        try:
            manifest = archive.extract(path, work)
        except archive.ArchiveError as exc:
            raise RestoreRefused(str(exc)) from exc
        log(f"Archive checked ({elapsed()}).")
        if difference := database.schema_difference(manifest["migrations"]):
            raise RestoreRefused(
                "The archive was made on another schema version than this "
                f"installation's ({difference}). Restore it with the code of that "
                "version (its migrations), or migrate this installation to it first."
            )
        files = sorted(
            name.removeprefix(archive.MEDIA_PREFIX)
            for name in manifest["members"]
            if name.startswith(archive.MEDIA_PREFIX)
        )
        if not force:
            if content := database.content_summary():
                raise RestoreRefused(
                    f"The database is not empty ({content}). Restore into a new, "
                    "migrated database, or pass --force to replace its content."
                )
            if clashes := media.present(files):
                raise RestoreRefused(
                    f"The media storage already holds {len(clashes)} of the "
                    f"archive's files ({', '.join(clashes[:3])}). Restore into an "
                    "empty storage, or pass --force to replace them."
                )
        writer = media.Writer()
        try:
            # The files first: a long upload to object storage holds no
            # transaction open, and the database, whose load is what fails
            # when something does, commits last.
            for name in files:
                with open(Path(work) / (archive.MEDIA_PREFIX + name), "rb") as f:
                    writer.write(name, f, replace=force)
            log(f"{len(files)} media files written ({elapsed()}).")
            with transaction.atomic():
                database.empty_and_load(Path(work) / archive.DATABASE)
            log(f"Database loaded ({elapsed()}).")
        except BaseException:
            writer.discard()
            raise
    call_command("update_index", verbosity=0)
    call_command("expire_cached_pages", stdout=io.StringIO())
    log(f"Search index rebuilt ({elapsed()}).")
    return manifest
