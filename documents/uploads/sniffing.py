"""What a file really is, from its first bytes rather than from its name.

``filetype`` (pure Python, already pulled in by Willow) names the common binary
formats. Executables and markup are recognised here explicitly, because they are
the dangerous ones and ``filetype`` knows neither Mach-O, nor scripts, nor HTML.
"""

import os
import re
import struct

import filetype
from django.utils.translation import gettext as _

from .refusals import refuse

HEAD_SIZE = 8192

_PLAIN_EXECUTABLES = (
    b"\x7fELF",  # Linux, Android
    b"\xfe\xed\xfa\xce",  # Mach-O 32 / 64 bits, both byte orders (macOS)
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary (also a Java class)
    b"#!",  # shell, Python… scripts
)

# The patterns with which browsers decide that a resource is HTML
# (https://mimesniff.spec.whatwg.org/#identifying-a-resource-with-an-unknown-mime-type):
# a tag name followed by a space or ">".
_HTML_START = re.compile(
    rb"<(!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title"
    rb"|b|body|br|p|!--)[\s>]"
)
_XML_MARKUP = re.compile(rb"<(svg|html|script)[\s>:]")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def read_head(file):
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(0)
    return head


def file_size(file):
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
        file.seek(0)
    return size


def is_pe_executable(head):
    """Windows programs start with "MZ" and point to a "PE\\0\\0" header; checking
    both keeps a text file that happens to start with "MZ" acceptable."""
    if not head.startswith(b"MZ") or len(head) < 0x40:
        return False
    (offset,) = struct.unpack_from("<I", head, 0x3C)
    return head[offset : offset + 4] == b"PE\x00\x00"


def _as_ascii_markup(head):
    """The start of the file as lower-case bytes, BOM and whitespace removed;
    UTF-16 is folded to single bytes so "<\\0h\\0t\\0m\\0l\\0" is seen too."""
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return head.replace(b"\x00", b"").lstrip().lower()


def markup_kind(head):
    """Which active markup ("html" or "svg") a file starts with, or None."""
    start = _as_ascii_markup(head)
    if start.startswith(b"<svg"):
        return "svg"
    if _HTML_START.match(start):
        return "html"
    if start.startswith((b"<?xml", b"<!doctype")):
        found = _XML_MARKUP.search(start)
        if found:
            return "svg" if found.group(1) == b"svg" else "html"
    return None


def check_not_active_content(head):
    """Refuse programs and what a browser would run (HTML, SVG), whatever the
    extension says: a renamed file is exactly the trick this guards against."""
    if head.startswith(_PLAIN_EXECUTABLES) or is_pe_executable(head):
        refuse("executable")
    kind = markup_kind(head)
    if kind:
        refuse(kind)


def looks_like_text(head):
    """No NUL byte (unless UTF-16 with its BOM, as Excel's "Unicode text" export)
    and hardly any control character: what any text encoding looks like."""
    if head.startswith(_BOMS[1:]):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x1a")
    return controls <= len(head) // 100


def describe(head):
    """A short label for the message that says what the file really is.

    Text is recognised first: ``filetype`` matches some formats on two bytes
    only ("BM" is a bitmap, "MZ" a program), which plain text can start with.
    """
    if looks_like_text(head):
        return _("texte")
    kind = filetype.guess(head)
    return kind.extension.upper() if kind is not None else _("format inconnu")
