"""Who may see a document: its collection's view restriction.

A document is private when its collection or an ancestor has a
``CollectionViewRestriction`` (``practices.publishing.roles`` restricts the
"réservé aux partenaires" collections to the programme's groups), read with the
same rules as pages (``hub.visibility``). Whether a document may be downloaded
at all (a live page or its collection publishes it, or the viewer works on it)
is ``documents.access``; its collection's restriction applies on top
(``documents.views.refuse_document``).
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Collection, CollectionViewRestriction

from hub.visibility import refused_restrictions


def _covering_collections():
    prefix = Substr(OuterRef("path"), 1, Length("collection__path"))
    return CollectionViewRestriction.objects.filter(collection__path=prefix)


def refused_collection_ids(collection_ids, user=None):
    """The ids among ``collection_ids`` whose documents ``user`` may not see."""
    refused = Collection.objects.filter(pk__in=set(collection_ids)).filter(
        Exists(refused_restrictions(_covering_collections(), user))
    )
    return set(refused.values_list("pk", flat=True))


def private_collection_ids():
    """Every collection under a view restriction (one query)."""
    private = Collection.objects.filter(Exists(_covering_collections()))
    return set(private.values_list("pk", flat=True))


def with_private_documents(attachments):
    """``attachments`` (a queryset of attachment rows) annotated with
    ``private_document``: whether the document's collection is restricted —
    read with the rows, no query of its own (search indexing of the pages)."""
    prefix = Substr(
        OuterRef("document__collection__path"), 1, Length("collection__path")
    )
    covering = CollectionViewRestriction.objects.filter(collection__path=prefix)
    return attachments.annotate(private_document=Exists(covering))
