"""The signal receivers of the practices app, connected by ``connect()`` from
``PracticesConfig.ready()``: each with an explicit sender and a ``dispatch_uid``,
so that connecting twice adds nothing and no receiver runs for other models.

* A page's indexed text leaves out its private attachments
  (``attachments_text``): when a document moves to another collection, or a
  collection's restriction changes, the pages attaching the documents
  concerned are indexed again (``documents.reindexing``).
* Workflow e-mails: the commune review's notifier, and Wagtail's own notifiers
  replaced by reliable ones (``publishing.notifications``).
"""

from django.db.models import Subquery
from django.db.models.signals import post_delete, post_init, post_save
from wagtail import signals as wagtail_signals
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, TaskState

from documents.reindexing import reindex_pages_attaching

from .publishing import notifications


def _remember_collection(sender, instance, **kwargs):
    instance._indexed_collection_id = instance.__dict__.get("collection_id")


def _document_moved(sender, instance, created, **kwargs):
    if not created and instance._indexed_collection_id != instance.collection_id:
        reindex_pages_attaching(pk=instance.pk)
    instance._indexed_collection_id = instance.collection_id


def _collection_restriction_changed(sender, instance, **kwargs):
    path = Collection.objects.filter(pk=instance.collection_id).values("path")
    reindex_pages_attaching(collection__path__startswith=Subquery(path[:1]))


def connect():
    """Called from PracticesConfig.ready(); connecting again adds nothing."""
    document_model = get_document_model()
    post_init.connect(
        _remember_collection,
        sender=document_model,
        dispatch_uid="practices.remember_document_collection",
    )
    post_save.connect(
        _document_moved,
        sender=document_model,
        dispatch_uid="practices.reindex_pages_of_moved_document",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid="practices.reindex_pages_of_restricted_collection",
        )
    _connect_notifiers()


def _connect_notifiers():
    wagtail_signals.task_submitted.connect(
        notifications.commune_review_submission_notifier,
        sender=TaskState,
        dispatch_uid="commune_review_task_submitted_email_notification",
    )
    # Wagtail's notifiers are replaced under their own dispatch_uid: if Wagtail
    # connected them already they are disconnected; if not yet (this app is
    # ready before wagtail.admin), Wagtail's connect finds the uid taken and
    # adds nothing. Either way each signal sends one mail, a reliable one.
    for (name, sender, uid, _class), notifier in zip(
        notifications.WAGTAIL_NOTIFIERS,
        notifications.reliable_wagtail_notifiers,
        strict=True,
    ):
        signal = getattr(wagtail_signals, name)
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier, sender=sender, dispatch_uid=uid)
