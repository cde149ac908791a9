"""What a visitor sees of a document before downloading it.

Agents on slow mobile connections decide from the page whether a file is worth
its megabytes: a thumbnail of a PDF's first page, its excerpt, format and size.
The thumbnail is drawn once, when the file is saved, with PDFium (the PDF engine
of Chromium, bundled in the ``pypdfium2`` wheel: no converter, no external
service) and kept as a small WebP. Office files get a typed icon instead:
rendering them would need LibreOffice on the server.
https://pypdfium2.readthedocs.io/en/stable/python_api.html
"""

import io
import logging
from dataclasses import dataclass

import pypdfium2 as pdfium

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 240
THUMBNAIL_MAX_HEIGHT = 400  # a strip-shaped page must not make a huge image
THUMBNAIL_MAX_BYTES = 20 * 1024
# Lower qualities are tried until the WebP fits THUMBNAIL_MAX_BYTES; text pages
# fit at the first one (a few kilobytes).
WEBP_QUALITIES = (60, 40, 20)
EXCERPT_LENGTH = 300

# Extension → family, which picks the icon's colour and label.
OFFICE_FAMILIES = {
    "docx": "text",
    "odt": "text",
    "xlsx": "sheet",
    "ods": "sheet",
    "pptx": "slides",
    "odp": "slides",
}


@dataclass(frozen=True)
class Thumbnail:
    webp: bytes
    width: int
    height: int


def pdf_thumbnail(handle):
    """A WebP of the first page of the PDF in ``handle``, or None when PDFium
    cannot draw it (damaged, password-protected): a missing thumbnail must never
    stop an upload, the file is the editor's."""
    try:
        image = render_first_page(handle.read())
    except (pdfium.PdfiumError, ValueError, OSError) as error:
        logger.info("No thumbnail for this PDF: %s", error)
        return None
    if image is None:
        return None
    return Thumbnail(encode_small_webp(image), image.width, image.height)


def render_first_page(data):
    """The first page as a Pillow image at most THUMBNAIL_WIDTH pixels wide."""
    document = pdfium.PdfDocument(data)
    try:
        if len(document) == 0:
            return None
        page = document[0]
        width, height = page.get_size()
        scale = min(THUMBNAIL_WIDTH / width, THUMBNAIL_MAX_HEIGHT / height)
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
        return image
    finally:
        document.close()


def encode_small_webp(image):
    for quality in WEBP_QUALITIES:
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=quality, method=6)
        if buffer.tell() <= THUMBNAIL_MAX_BYTES:
            break
    return buffer.getvalue()


def office_family(extension):
    """The family of an Office file ("text", "sheet", "slides"), else None."""
    return OFFICE_FAMILIES.get(extension.lower())


def excerpt(text, length=EXCERPT_LENGTH):
    """The first ``length`` characters of ``text``, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0]
    return cut + "…"
