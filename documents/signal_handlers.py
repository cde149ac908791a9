"""The signal receivers of the documents app, connected by ``connect()`` from
``DocumentsConfig.ready()`` with an explicit sender and a ``dispatch_uid``.

* A deleted document version takes its file along (``delete_earlier_file``).
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.documents import get_document_model

from .models import DocumentVersion


def delete_earlier_file(sender, instance, **kwargs):
    """A deleted version takes its file along, unless it is still the document's
    current file (Wagtail deletes that one with the document itself)."""
    name = instance.file.name

    def delete_if_unused():
        if not get_document_model().objects.filter(file=name).exists():
            instance.file.storage.delete(name)

    transaction.on_commit(delete_if_unused)


def connect():
    """Called from DocumentsConfig.ready(); connecting again adds nothing."""
    post_delete.connect(
        delete_earlier_file,
        sender=DocumentVersion,
        dispatch_uid="documents.delete_earlier_document_file",
    )
