"""The background task that reads a document's new file: its text, page count
and first-page thumbnail, then indexes the document and the pages attaching it.

``HubDocument.save`` stores a new file at once, with its SHA-256, and marks
these facts pending; ``documents.signal_handlers`` enqueues ``read_file_facts``
with the document and that checksum. The task:

* reads the file through its storage (``open_file``: local disk or object
  storage alike, never a local path), with the same readers as before
  (``documents.extraction``, ``documents.previews``), which never raise;
* stores the facts (and the size, when the request did not know it) only if
  the document still has that file: a task for a file
  replaced meanwhile (the checksum changed) does nothing, the newer file's own
  task does the work; a document deleted meanwhile, likewise;
* saves the document (modelsearch's receiver indexes it, the page cache is
  retired) and has the pages attaching it indexed again (their search text
  holds its text: ``documents.reindexing``).

A storage that fails for a moment (a timeout, object storage unreachable) is
retried later (``hub.task_retry``); a file missing from the storage is not.
"""

import logging

from django.db import DatabaseError, transaction
from django_tasks import task

from hub.task_retry import retried

from .extraction import extract_text
from .models import FILE_FACT_FIELDS, DocumentThumbnail, ExtractionState, HubDocument
from .previews import pdf_thumbnail
from .reindexing import reindex_pages_attaching

logger = logging.getLogger(__name__)

OUTDATED = "outdated"


def is_transient(error):
    """Storage or database trouble that may pass; not a file that is gone."""
    if isinstance(error, FileNotFoundError):
        return False
    # botocore's errors (object storage) do not derive from OSError.
    return isinstance(error, OSError | DatabaseError) or type(
        error
    ).__module__.startswith("botocore")


def _describe(document_id, checksum):
    return f"Reading the file of document {document_id}"


@task(takes_context=True)
@retried(transient=is_transient, attempts=5, first_delay=30, describe=_describe)
def read_file_facts(document_id, checksum):
    document = current(document_id, checksum)
    if document is None:
        return OUTDATED
    with document.open_file() as handle:
        result = extract_text(handle, document.file_extension)
        handle.seek(0)
        is_pdf = document.file_extension.lower() == "pdf"
        thumbnail = pdf_thumbnail(handle) if is_pdf else None
    with transaction.atomic():
        document = current(document_id, checksum, lock=True)
        if document is None:
            return OUTDATED
        document.extracted_text = result.text
        document.page_count = result.page_count
        document.extraction_problem = result.problem[:255]
        document.thumbnail_width = thumbnail.width if thumbnail else None
        document.thumbnail_height = thumbnail.height if thumbnail else None
        document.extraction_state = ExtractionState.DONE
        written = list(FILE_FACT_FIELDS)
        if document.file_size is None:
            # Set by the admin's forms in the request; a file stored another
            # way gets it here, from the storage.
            document.file_size = document.file.size
            written.append("file_size")
        document.save(update_fields=written)
        if thumbnail is None:
            DocumentThumbnail.objects.filter(document=document).delete()
        else:
            DocumentThumbnail.objects.update_or_create(
                document=document, defaults={"webp": thumbnail.webp}
            )
        reindex_pages_attaching(pk=document.pk)
    return ExtractionState.DONE


def current(document_id, checksum, lock=False):
    """The document if it still has the file of ``checksum``, else None."""
    documents = HubDocument.objects.filter(pk=document_id, checksum=checksum)
    document = (documents.select_for_update() if lock else documents).first()
    if document is None:
        logger.info(
            "Document %s no longer has the file %s…: nothing to read",
            document_id,
            checksum[:12],
        )
    return document
