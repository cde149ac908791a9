"""The background task that builds a fiche's PDF.

``request_build`` enqueues it at most once per file at a time (a lock in the
shared cache, released when the task ends, or after ``LOCK_SECONDS`` if a
worker died); a passing storage failure is retried. Under the immediate
backend (development, tests) the PDF exists when ``request_build`` returns.
"""

import logging

from django.core.cache import cache
from django_tasks import task

from documents.file_facts import is_transient
from hub.task_retry import retried

from ..models import PracticePage
from . import engine, stored

logger = logging.getLogger(__name__)

LOCK_SECONDS = 300
OUTDATED = "outdated"


def lock_key(name):
    return f"fiche-pdf-build:{name}"


def request_build(page):
    """Enqueue the build of ``page``'s PDF unless one is waiting or running."""
    name = stored.name_for(page)
    if cache.add(lock_key(name), True, LOCK_SECONDS):
        build_fiche_pdf.enqueue(page.pk, name)


def _describe(page_id, name):
    return f"Building the PDF of page {page_id}"


# A storage or database that fails for a moment is tried again (hub.task_retry).
@task(takes_context=True)
@retried(transient=is_transient, attempts=3, first_delay=30, describe=_describe)
def build_fiche_pdf(page_id, name):
    try:
        # The live version only: a draft's changes are in its revision, not
        # in the page's row; a page unpublished or republished meanwhile has
        # another name (or none), and its own request builds it.
        page = PracticePage.objects.live().filter(pk=page_id).first()
        if page is None or stored.name_for(page) != name:
            return OUTDATED
        if not stored.exists(name):
            stored.keep(name, engine.render(page))
            logger.info("Built the PDF of page %s: %s", page_id, name)
        stored.delete_all_but(page_id, kept=name)
        return name
    finally:
        cache.delete(lock_key(name))
