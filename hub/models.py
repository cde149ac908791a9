"""Stable keys for the objects the code needs to find again (``hub.keys``).

Groups, collections, workflows and tasks carry a name people see and may
rename in the admin; the code finds them by a key that never changes instead.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Key(models.Model):
    """One object of any model under a stable key, e.g. "group:translators"."""

    key = models.CharField(max_length=100, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    # Big enough for any integer primary key; keyed models have integer ones.
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.key
