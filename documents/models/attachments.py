"""The rows by which pages attach documents, in the editor's chosen order.

Each page type of ``practices`` has its own attachment model subclassing this
one; ``documents.access`` finds them all through it (a live page that attaches
a document publishes it) without importing the page models above it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable


class AttachmentBase(Orderable):
    """A document attached to a page, in the editor's chosen order."""

    document = models.ForeignKey(
        "documents.HubDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        abstract = True
