"""Which attached documents the visitor may not download (``documents.visibility``).

A public page may attach a document from a partners-only collection: the page
lists it, without its title, link, thumbnail or text, to those the collection
restriction refuses.
"""

from django import template

from hub.visibility import viewer

from ..visibility import refused_collection_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def refused_documents(context, items):
    """The ids of the documents of ``items`` (attachments or DocumentDownloads)
    the request's user may not download: one query, none without items."""
    documents = [getattr(item, "document", item) for item in items or ()]
    if not documents:
        return set()
    refused = refused_collection_ids(
        {document.collection_id for document in documents},
        viewer(context.get("request")),
    )
    return {document.pk for document in documents if document.collection_id in refused}
