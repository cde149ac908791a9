"""Stored file names that are safe on every agent's computer and every storage."""

import os
import re
import unicodedata

# FileField.max_length is 100 and includes "documents/" plus the "_abc1234" suffix
# that storage adds on a name clash: 80 leaves room for both.
MAX_NAME_LENGTH = 80
FALLBACK_STEM = "document"

# Letters (Arabic included), marks (harakat), digits and a few separators survive;
# anything else becomes "_". Format characters (Unicode category Cf) go first:
# U+202E RIGHT-TO-LEFT OVERRIDE turns "fdp.exe" into a name that *looks* like
# "exe.pdf", a classic trick against agents.
_UNSAFE = re.compile(r"[^\w\-.() ]+")
_REPEATS = re.compile(r"([_ .-])\1+")


def _visible(text):
    return "".join(c for c in text if unicodedata.category(c)[0] != "C")


def sanitise_filename(name):
    """A file name without path, control or bidi characters, leading dots or
    excessive length; Arabic letters and the (lower-cased) extension are kept."""
    name = unicodedata.normalize("NFC", str(name))
    name = _visible(name.replace("\\", "/").rsplit("/", 1)[-1])
    stem, extension = os.path.splitext(name.strip())
    extension = _UNSAFE.sub("", extension.lower())[:10]
    stem = _REPEATS.sub(r"\1", _UNSAFE.sub("_", stem))
    # Leading dots hide files on Unix; trailing dots and spaces are dropped by
    # Windows, which would change the extension the agent sees.
    stem = stem.strip(" ._-") or FALLBACK_STEM
    stem = stem[: MAX_NAME_LENGTH - len(extension)].rstrip(" ._-") or FALLBACK_STEM
    return stem + extension
