"""The background task that builds a fiche's PDF.

``request_build`` enqueues it at most once per file at a time (a lock in the
shared cache, released when the task ends, or after ``LOCK_SECONDS`` if a
worker died). Under the immediate backend (development, tests) the PDF exists
when ``request_build`` returns.
"""

import logging

from django.core.cache import cache
from django_tasks import task

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


@task()
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
