"""Make an archive (``manage.py backup_hub``): the database from one snapshot,
then the media, then the manifest.

The database is read inside one transaction — REPEATABLE READ on PostgreSQL, a
read transaction on SQLite — so every table is dumped as of the same moment
while the site keeps serving. The media are read after it: a file uploaded
meanwhile may be in the archive without a row pointing at it (harmless), while
every file a dumped row names already existed (Wagtail never rewrites a stored
file in place).
"""

import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import django
import wagtail
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from . import archive, database, media


@contextmanager
def snapshot():
    """A transaction whose reads all see the same committed state (inside a
    transaction already begun, e.g. a test's, that one's state)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Before any other statement of the transaction, as it must be.
                cursor.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                )
        yield


def make(path, log=lambda message: None):
    """Write the archive at ``path``; returns its manifest."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as work, archive.ArchiveWriter(path) as out:
        dump = Path(work) / archive.DATABASE
        with snapshot():
            schema = database.schema()
            database.dump(dump)
        with open(dump, "rb") as dumped:
            out.add(archive.DATABASE, dumped)
        log(f"Database dumped ({time.monotonic() - started:.1f} s).")
        files = media.names()
        for name in files:
            with default_storage.open(name, "rb") as stored:
                # Spooled: small files in memory, large ones on disk, so that
                # the size is known before the tar header is written.
                with tempfile.SpooledTemporaryFile(8 * 1024 * 1024) as copy:
                    while chunk := stored.read(archive.CHUNK):
                        copy.write(chunk)
                    out.add(archive.MEDIA_PREFIX + name, copy)
        log(f"{len(files)} media files copied ({time.monotonic() - started:.1f} s).")
        manifest = {
            "created": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
            "migrations": schema,
            "excluded": database.excluded(),
            "skipped_media": list(media.SKIPPED_PREFIXES),
        }
        manifest = out.finish(manifest)
    return manifest
