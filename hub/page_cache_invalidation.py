"""What retires the cached pages: every change a public page can show.

Pages announce their own events (Wagtail's ``page_published``,
``page_unpublished`` and ``post_page_move``; deletion through ``post_delete``);
a page saved as a draft changes nothing anyone sees, so a page's own
``post_save`` is not one of them. Other models are named in the
``PAGE_CACHE_CHANGED_BY`` setting, by app label (every model of the app) or
model label, by string: hub imports none of the apps above it. Models written
while visitors read — search statistics, renditions made while a page renders,
log entries, sessions — are left out on purpose, or every visit would empty the
cache.

Each event bumps ``hub.content_version`` now and again when the transaction
commits (``CacheVersion.bump``): a page rendered in between, from the database
as it was, is stored under a version nobody reads any more.
"""

import logging

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from hub.content_version import content_version
from hub.page_cache import CACHE_ERRORS

logger = logging.getLogger(__name__)


def connect():
    """Called once from ``HubConfig.ready``."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_event, dispatch_uid=f"page-cache-{signal!r}")
    post_save.connect(model_changed, dispatch_uid="page-cache-save")
    post_delete.connect(model_deleted, dispatch_uid="page-cache-delete")
    m2m_changed.connect(relation_changed, dispatch_uid="page-cache-m2m")


def page_event(sender, **kwargs):
    bump(f"page {kwargs.get('instance')!r}")


def model_changed(sender, instance, raw=False, **kwargs):
    # A draft saved, a page created unpublished: nothing public changed.
    if raw or isinstance(instance, Page):
        return
    if changes_pages(sender):
        bump(sender._meta.label)


def model_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or changes_pages(sender):
        bump(sender._meta.label)


def relation_changed(sender, instance, action, **kwargs):
    # The groups of a "these groups only" restriction are a many-to-many.
    if action.startswith("post_") and changes_pages(type(instance)):
        bump(f"{type(instance)._meta.label} relation")


def changes_pages(model) -> bool:
    labels = settings.PAGE_CACHE_CHANGED_BY
    return model._meta.label in labels or model._meta.app_label in labels


def bump(reason: str):
    try:
        content_version.bump()
    except CACHE_ERRORS:
        # Logged, not raised: the change itself is saved. Pages cached before
        # it may be served until they expire (PAGE_CACHE_SECONDS) if the cache
        # comes back with its data; a restarted, empty cache has no stale page.
        logger.exception("Page cache not invalidated (%s): cache unreachable", reason)
