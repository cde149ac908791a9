"""Publishing a practice, template or training enqueues the immediate alerts
(``digests.send_immediate_alerts``) once the publish is committed: the worker
sends them, the publishing request does not wait for the mail server."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from practices import content_types

from .digests import send_immediate_alerts


def published(sender, instance, **kwargs):
    transaction.on_commit(partial(send_immediate_alerts.enqueue, instance.pk))


def connect():
    for kind in content_types.registered():
        page_published.connect(
            published, sender=kind.model, dispatch_uid=f"alerts.published.{kind.key}"
        )
