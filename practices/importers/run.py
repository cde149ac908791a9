"""One import, all or nothing: check everything, then write in one transaction."""

import logging

from django.core.files.storage import default_storage
from django.db import transaction

from .records import Problem, read_records
from .writer import Writer

logger = logging.getLogger(__name__)


class ImportFailed(Exception):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def run_import(path, *, create_missing=False, dry_run=False, prepare=None):
    """Import ``path``; raises ImportFailed (nothing written) on any problem.

    ``prepare`` runs first, in the same transaction (the import command makes
    the site skeleton with it: a dry run leaves nothing behind). Returns the
    writer (created/updated counts) and the warnings.
    """
    records, problems, warnings = read_records(path, create_missing=create_missing)
    if problems:
        raise ImportFailed(problems)
    writer = Writer()
    try:
        with transaction.atomic():
            if prepare is not None:
                prepare()
            writer.write(records)
            if dry_run:
                transaction.set_rollback(True)
    except Exception as error:
        _remove_files(writer.stored_files)
        logger.exception("Import of %s failed while writing", path)
        raise ImportFailed([Problem(writer.current_line, None, str(error))]) from error
    if dry_run:
        _remove_files(writer.stored_files)
    return writer, warnings


def _remove_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # the rollback matters more than a stray file
            logger.warning("Could not remove %s after a failed import", name)
