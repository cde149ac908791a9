"""Where a fiche's PDF is kept: the default storage (local disk or object
storage alike, never a local path), under ``fiches-pdf/<page id>/``, named
after the page's language and live revision — a new publication names a new
file. The files are never served by URL: only ``serving`` reads them, after
the page's own access check."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

FOLDER = "fiches-pdf"


def folder(page_id):
    return f"{FOLDER}/{page_id}"


def name_for(page):
    """The file of ``page``'s live version (a page made without a revision,
    by an import, is named after its last publication)."""
    edition = (
        f"r{page.live_revision_id}"
        if page.live_revision_id
        else f"t{page.last_published_at:%Y%m%d%H%M%S%f}"
    )
    return f"{folder(page.pk)}/{page.locale.language_code}-{edition}.pdf"


def exists(name):
    return default_storage.exists(name)


def open_file(name):
    return default_storage.open(name, "rb")


def keep(name, content):
    """Store ``content`` as ``name`` (unless a concurrent build stored it)."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))


def delete_all_but(page_id, kept=None):
    """Delete the PDFs of page ``page_id`` except ``kept`` (a name)."""
    try:
        _folders, files = default_storage.listdir(folder(page_id))
    except FileNotFoundError:  # nothing ever built for this page
        return
    for file in files:
        name = f"{folder(page_id)}/{file}"
        if name != kept:
            default_storage.delete(name)
