"""The media part of a backup: every file of the default storage, read and
written through Django's storage API only (``listdir``, ``open``, ``save``,
``exists``, ``delete``), so that it works the same on local disk and on S3.

Renditions (``images/``, Wagtail's resized copies of the originals in
``original_images/``) are skipped: their rows are not dumped either, and Wagtail
makes them again the first time a page shows the image.
"""

import posixpath

from django.core.files import File
from django.core.files.storage import default_storage

SKIPPED_PREFIXES = ("images/",)


def names(storage=default_storage, top=""):
    """Every file name in ``storage`` below ``top``, sorted, renditions skipped."""
    found = []
    try:
        directories, files = storage.listdir(top)
    except FileNotFoundError:  # a local MEDIA_ROOT not made yet: no media
        return []
    for name in files:
        found.append(posixpath.join(top, name))
    for directory in directories:
        found.extend(names(storage, posixpath.join(top, directory)))
    return sorted(n for n in found if not n.startswith(SKIPPED_PREFIXES))


def present(names_, storage=default_storage):
    """Those of ``names_`` that the storage already holds."""
    return [name for name in names_ if storage.exists(name)]


class Writer:
    """Writes files into the storage, remembering them so that a restore that
    fails afterwards removes what it wrote (``discard``)."""

    def __init__(self, storage=default_storage):
        self.storage = storage
        self.written = []

    def write(self, name, fileobj, replace=False):
        if replace and self.storage.exists(name):
            self.storage.delete(name)
        saved = self.storage.save(name, File(fileobj, name=name))
        self.written.append(saved)
        if saved != name:
            # The storage chose another name: the name is taken (a file that
            # appeared meanwhile); the rows point at ``name``, so refuse.
            raise FileExistsError(f"{name} already exists in the media storage.")

    def discard(self):
        for name in self.written:
            self.storage.delete(name)
        self.written = []
