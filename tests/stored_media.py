"""What the media storage holds, read through ``default_storage``: the same
assertions hold on local disk (each test's MEDIA_ROOT) and on S3 (each test's
key prefix, tests/conftest.py's ``media_key_prefix``)."""

from django.core.files.storage import default_storage

# Written and deleted by every /readyz (hub/health.py): never an upload.
HEALTH_FOLDER = "health"


def stored_names(folder=""):
    """Every file stored under ``folder``, as sorted relative paths (none when the
    folder does not exist: an empty MEDIA_ROOT, a prefix with no object)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in files]
    for sub in folders:
        if not folder and sub == HEALTH_FOLDER:
            continue
        names += stored_names(prefix + sub)
    return sorted(names)
