"""Refusing uploads whose content is not the document or image their name claims.

``validate_upload`` (documents) and ``validate_image_upload`` (images) raise a
``ValidationError`` (``UploadRefused``) with a message for the editor and a
``code``; they leave the file positioned at its start. The checks run in order of
cost: name, size, first bytes (executables, HTML, SVG), then the structure of the
format the extension names (``containers`` for Office files, Pillow for images).
"""

import os

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from wagtail.images.utils import get_allowed_image_extensions

from .containers import check_odf, check_ooxml
from .filenames import sanitise_filename
from .images import check_image_content
from .refusals import UploadRefused, refuse
from .sniffing import (
    check_not_active_content,
    describe,
    file_size,
    looks_like_text,
    read_head,
)

__all__ = [
    "UploadRefused",
    "allowed_document_extensions",
    "sanitise_filename",
    "validate_image_upload",
    "validate_upload",
]

WAGTAIL_IMAGE_MAX_SIZE = 10 * 1024 * 1024  # Wagtail's own default


def check_pdf(file, head, extension, size):
    # The header may legally sit anywhere in the first KiB, but every producer
    # writes it first; being strict costs nothing and stops polyglot files.
    if not head.startswith(b"%PDF-"):
        refuse("mismatch", found=describe(head), extension=extension)


def check_text(file, head, extension, size):
    if not looks_like_text(head):
        refuse("not_text")


DOCUMENT_CHECKS = {
    "pdf": check_pdf,
    "docx": check_ooxml,
    "xlsx": check_ooxml,
    "pptx": check_ooxml,
    "odt": check_odf,
    "ods": check_odf,
    "odp": check_odf,
    "csv": check_text,
    "txt": check_text,
}


def allowed_document_extensions():
    """``WAGTAILDOCS_EXTENSIONS`` limited to the formats checked here: an
    extension added to the setting without a content check stays refused."""
    return [ext for ext in settings.WAGTAILDOCS_EXTENSIONS if ext in DOCUMENT_CHECKS]


def allowed_image_extensions():
    return [ext for ext in get_allowed_image_extensions() if ext != "svg"]


def extension_of(filename):
    return os.path.splitext(str(filename))[1].lower().lstrip(".")


def check_extension(filename, allowed, code):
    extension = extension_of(filename)
    listed = ", ".join(allowed)
    if not extension:
        refuse("no_extension", allowed=listed)
    if extension not in allowed:
        refuse(code, extension=extension, allowed=listed)
    return extension


def check_size(file, max_size):
    size = file_size(file)
    if size == 0:
        refuse("empty")
    if max_size is not None and size > max_size:
        refuse(
            "too_large",
            size=filesizeformat(size),
            max_size=filesizeformat(max_size),
        )
    return size


def validate_upload(file, filename):
    """Refuse a document whose name or content is not acceptable (see module)."""
    extension = check_extension(filename, allowed_document_extensions(), "extension")
    size = check_size(file, getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None))
    try:
        head = read_head(file)
        check_not_active_content(head)
        DOCUMENT_CHECKS[extension](file, head, extension, size)
    finally:
        file.seek(0)


def validate_image_upload(file, filename):
    """Refuse an image that is SVG, not what its extension says, or a bomb."""
    if extension_of(filename) == "svg":
        refuse("svg")
    extension = check_extension(filename, allowed_image_extensions(), "image_extension")
    check_size(
        file, getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", WAGTAIL_IMAGE_MAX_SIZE)
    )
    try:
        check_not_active_content(read_head(file))
        check_image_content(file, extension)
    finally:
        file.seek(0)
