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

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from hub.content_version import content_version
from hub.page_cache import CACHE_ERRORS

logger = logging.getLogger(__name__)


def connect():
    """Called once from ``HubConfig.ready``; each receiver names its senders
    (tests/test_signal_wiring.py: none of ours listens to every model)."""
    for model in get_page_models():
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_event, sender=model, dispatch_uid="page-cache")
    # A page deleted: Django signals the base table's row too.
    post_delete.connect(model_changed, sender=Page, dispatch_uid="page-cache")
    for model in models_changing_pages():
        for signal in (post_save, post_delete):
            signal.connect(model_changed, sender=model, dispatch_uid="page-cache")
        # The groups of a "these groups only" restriction, a document's tags.
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                relation_changed,
                sender=field.remote_field.through,
                dispatch_uid="page-cache",
            )


def models_changing_pages():
    """The models ``PAGE_CACHE_CHANGED_BY`` names, by app or model label."""
    found = []
    for label in settings.PAGE_CACHE_CHANGED_BY:
        if "." in label:
            found.append(apps.get_model(label))
        else:
            found.extend(apps.get_app_config(label).get_models())
    return found


def page_event(sender, **kwargs):
    bump(f"page {kwargs.get('instance')!r}")


def model_changed(sender, raw=False, **kwargs):
    if not raw:  # fixtures being loaded: nothing is served yet
        bump(sender._meta.label)


def relation_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        bump(sender._meta.label)


def bump(reason: str):
    try:
        content_version.bump()
    except CACHE_ERRORS:
        # Logged, not raised: the change itself is saved. Pages cached before
        # it may be served until they expire (PAGE_CACHE_SECONDS) if the cache
        # comes back with its data; a restarted, empty cache has no stale page.
        logger.exception("Page cache not invalidated (%s): cache unreachable", reason)
