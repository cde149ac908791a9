"""« Documents du programme »: the documents of the programme's collection
(and of its child reserved to partners) that the viewer may see, newest first.

The collection is public on purpose (``documents.access.PUBLIC_COLLECTIONS``):
whatever the coordination files there is published without a page attaching
it. Its partners-only child keeps its view restriction: those documents are
left out of the list for a viewer the restriction refuses — not even a
placeholder, the title of a private report is private too.
"""

from wagtail.models import Collection

from documents.access import PROGRAMME_KEY, published
from documents.downloads import downloads_of
from documents.models import HubDocument
from documents.visibility import refused_collection_ids
from hub import keys

LIMIT = 20


def programme_documents(user, limit=LIMIT):
    """DocumentDownloads of the programme's documents ``user`` may see."""
    root = keys.find(Collection, PROGRAMME_KEY)
    if root is None:
        return []
    collections = set(
        Collection.objects.filter(path__startswith=root.path).values_list(
            "pk", flat=True
        )
    )
    seen = collections - refused_collection_ids(collections, user)
    documents = (
        published(HubDocument.objects.filter(collection_id__in=seen), user)
        .select_related("collection")
        .order_by("-created_at", "-pk")
    )
    return downloads_of(list(documents[:limit]))
