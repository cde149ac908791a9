"""Pages whose indexed text comes from documents, indexed again.

A page's search text holds its attachments' titles and extracted text, leaving
out private ones (``attachments_text`` in ``practices.models.base``). When a
document's text arrives (``documents.file_facts``) or its privacy changes (a
move to another collection, a collection restricted: ``practices``'s
receivers), the pages attaching it are indexed again, through modelsearch's
own task, as the page's save does.
"""

from django.apps import apps
from modelsearch.tasks import insert_or_update_object_task

from .models import AttachmentBase


def reindex_pages_attaching(**document_filter):
    """Index again the pages attaching documents that match ``document_filter``
    (lookups on the document model)."""
    for model in apps.get_models():
        if not issubclass(model, AttachmentBase):
            continue
        lookups = {f"document__{k}": v for k, v in document_filter.items()}
        page_ids = model.objects.filter(**lookups).values_list("page_id", flat=True)
        page_model = model._meta.get_field("page").related_model
        for page_id in set(page_ids):
            insert_or_update_object_task.enqueue(
                page_model._meta.app_label, page_model._meta.model_name, str(page_id)
            )
