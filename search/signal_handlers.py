"""The signal receivers of the search app, connected by ``connect()`` from
``SearchConfig.ready()`` (management commands too, not only the processes that
load the URLs): each with an explicit sender and a ``dispatch_uid``, so that
connecting twice adds nothing and no receiver runs for unrelated models.

They invalidate the per-process copies kept through Django's cache
(``hub.versioned_cache``):

* the facet index (``facets``): page publish, unpublish, delete and move, page
  view restrictions and their groups, tags and the facet vocabularies;
* the promoted results (``promotions``): promotions saved or deleted, pages
  moved or renamed (their URL is cached);
* the glossary (``glossary``): glossary entries saved or deleted.

And the cached pages (``hub.content_version``), once more when a worker has
written the search index (``index_written``): with the database task backend a
publish retires the cached pages at once, but the page reaches the index a
moment later, in the worker — a search page cached in between, without it,
would otherwise be served until the next change.

Wagtail sends its page signals with ``sender=page.specific_class``: they are
connected once per page model (``get_page_models()``, ``Page`` included).
Django sends ``post_delete`` for the ``wagtailcore.Page`` row of every deleted
page (its specific row is a child of it), descendants deleted with it
included: that receiver is connected for ``Page`` only, so deleting a tag, a
user or a session no longer runs it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db import DatabaseBackend
from modelsearch.tasks import insert_or_update_object_task
from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from hub.content_version import content_version

from . import facets, glossary, promotions
from .models import GlossaryEntry


def facets_changed(sender, **kwargs):
    """A page, a restriction or a term the facet index reads has changed."""
    facets.bump_version()


def promotions_changed(sender, **kwargs):
    """A promotion or the URL of a page has changed."""
    promotions.bump_version()


def glossary_changed(sender, **kwargs):
    """Every process rebuilds its glossary before its next search."""
    glossary.bump_version()


def index_written(sender, task_result, **kwargs):
    """A worker has run modelsearch's indexing task: pages cached before the
    page was in the index are retired."""
    from_worker = sender is DatabaseBackend or isinstance(sender, DatabaseBackend)
    if (
        from_worker
        and task_result.task.func is insert_or_update_object_task.func
        and task_result.status == TaskResultStatus.SUCCESSFUL
    ):
        content_version.bump()


def connect():
    """Called from SearchConfig.ready(); connecting again adds nothing."""
    for model in get_page_models():
        for signal, name in (
            (page_published, "published"),
            (page_unpublished, "unpublished"),
            # Who may see a page changes with moves into or out of a restricted
            # section.
            (post_page_move, "moved"),
        ):
            signal.connect(
                facets_changed,
                sender=model,
                dispatch_uid=f"search.facets.page_{name}",
            )
        for signal, name in ((post_page_move, "moved"), (page_slug_changed, "slug")):
            signal.connect(
                promotions_changed,
                sender=model,
                dispatch_uid=f"search.promotions.page_{name}",
            )
    post_delete.connect(
        facets_changed, sender=Page, dispatch_uid="search.facets.page_deleted"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            facets_changed,
            sender=PageViewRestriction,
            dispatch_uid="search.facets.page_restriction",
        )
    # The restriction's groups are saved after the restriction itself by the
    # admin's privacy form.
    m2m_changed.connect(
        facets_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="search.facets.page_restriction_groups",
    )
    for model in (Tag, *facets.VOCABULARIES.values()):
        post_save.connect(
            facets_changed, sender=model, dispatch_uid="search.facets.term"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            promotions_changed,
            sender=SearchPromotion,
            dispatch_uid="search.promotions.promotion",
        )
        signal.connect(
            glossary_changed,
            sender=GlossaryEntry,
            dispatch_uid="search.glossary.entry",
        )
    # Sent by the worker. Not for one sender: django-tasks-db 0.13's worker
    # sends the backend's class when a task failed but the backend *instance*
    # (one per thread and settings) when it succeeded, so the receiver checks
    # the sender itself (tests/test_signal_wiring.py notices when that changes).
    # Under the immediate backend the index is written inside the publish,
    # before the publish's own bump: nothing to do then.
    task_finished.connect(index_written, dispatch_uid="search.page_cache.index_written")
