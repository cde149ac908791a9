"""Compiling .po catalogues with polib, so no system gettext is ever needed."""

from pathlib import Path

import polib
from django.conf import settings

# django.po: the interface; djangojs.po: a few strings of installed packages'
# JavaScript translated again (kept by hand, see its header).
DOMAINS = ("django", "djangojs")


def catalogues():
    """Every catalogue (``DOMAINS``) under the project's LOCALE_PATHS."""
    for base in settings.LOCALE_PATHS:
        for domain in DOMAINS:
            yield from sorted(Path(base).glob(f"*/LC_MESSAGES/{domain}.po"))


def compiled_bytes(po_path):
    """What the .mo file beside ``po_path`` must contain."""
    catalogue = polib.pofile(str(po_path))
    target = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(target) + ".tmp")
    tmp = Path(str(target) + ".tmp")
    data = tmp.read_bytes()
    tmp.unlink()
    return data


def compile_all():
    """Write every .mo whose content differs; returns the paths written."""
    written = []
    for po_path in catalogues():
        data = compiled_bytes(po_path)
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.read_bytes() != data:
            mo_path.write_bytes(data)
            written.append(mo_path)
    return written
