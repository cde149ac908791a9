"""A fiche unpublished or deleted keeps no PDF: its stored files go at once."""

from django.db.models.signals import post_delete
from wagtail.signals import page_unpublished

from ..models import PracticePage
from . import stored


def forget_pdfs(sender, instance, **kwargs):
    stored.delete_all_but(instance.pk)


def connect():
    page_unpublished.connect(forget_pdfs, sender=PracticePage)
    post_delete.connect(forget_pdfs, sender=PracticePage)
