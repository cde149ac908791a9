"""Files accepted in a submission that failed for another reason.

A browser never re-fills a file input, so when the form comes back with an error
the files the agent had chosen (and that passed the upload checks) are kept in
storage under ``share-pending/`` (never served: only image folders of MEDIA_ROOT
are) and named in a signed hidden field. The next submission attaches them
without the agent choosing them again. The token names its owner, so a file
kept for one agent cannot be claimed by another, and kept files older than a day
are removed (``purge_stale``, run at every submission).
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "share-pending"
MAX_AGE = timedelta(days=1)
SALT = "practices.share.pending"


@dataclass(frozen=True)
class PendingFile:
    path: str  # in default_storage
    name: str  # the sanitised name the agent sees and the document keeps

    @property
    def key(self):
        """Identifies the file in the form (the "remove" checkboxes)."""
        return self.path.rsplit("/", 1)[-1].split("_", 2)[1]


def keep(user, upload):
    """Store an accepted upload for ``user``; returns its PendingFile."""
    upload.seek(0)
    path = default_storage.save(
        f"{FOLDER}/{user.pk}_{uuid.uuid4().hex}_{upload.name}", upload
    )
    return PendingFile(path=path, name=upload.name)


def dumps(user, files):
    """The hidden field's value for ``files`` ("" for none)."""
    if not files:
        return ""
    payload = {"u": user.pk, "f": [[f.path, f.name] for f in files]}
    return signing.dumps(payload, salt=SALT, compress=True)


def loads(user, token):
    """The kept files named by ``token``; None if it is forged, expired, another
    user's, or names a file that is gone."""
    if not token:
        return []
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE.total_seconds())
        files = [PendingFile(path=str(p), name=str(n)) for p, n in payload["f"]]
        owner = payload["u"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    prefix = f"{FOLDER}/{user.pk}_"
    if owner != user.pk or not all(f.path.startswith(prefix) for f in files):
        return None
    if not all(default_storage.exists(f.path) for f in files):
        return None
    return files


def discard(files):
    for pending in files:
        default_storage.delete(pending.path)


def purge_stale(now=None):
    """Delete kept files older than MAX_AGE (their form was abandoned)."""
    limit = (now or timezone.now()) - MAX_AGE
    try:
        _dirs, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for name in names:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
