"""The signal receivers of the documents app, connected by ``connect()`` from
``DocumentsConfig.ready()`` with an explicit sender and a ``dispatch_uid``.

* A deleted document version takes its file along (``delete_earlier_file``).
* A new file stored (``documents.signals.file_stored``) is read in the
  background: text, page count, thumbnail (``read_new_file``).
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.documents import get_document_model

from .file_facts import read_file_facts
from .models import DocumentVersion
from .signals import file_stored


def delete_earlier_file(sender, instance, **kwargs):
    """A deleted version takes its file along, unless it is still the document's
    current file (Wagtail deletes that one with the document itself)."""
    name = instance.file.name

    def delete_if_unused():
        if not get_document_model().objects.filter(file=name).exists():
            instance.file.storage.delete(name)

    transaction.on_commit(delete_if_unused)


def read_new_file(sender, document, **kwargs):
    """Enqueued in the transaction that stored the file: with the database
    backend the worker sees the task once the document is committed, never
    before (and never if the upload is rolled back)."""
    read_file_facts.enqueue(document.pk, document.checksum)


def connect():
    """Called from DocumentsConfig.ready(); connecting again adds nothing."""
    post_delete.connect(
        delete_earlier_file,
        sender=DocumentVersion,
        dispatch_uid="documents.delete_earlier_document_file",
    )
    file_stored.connect(
        read_new_file,
        sender=get_document_model(),
        dispatch_uid="documents.read_new_document_file",
    )
