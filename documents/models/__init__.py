"""Documents, images, their versions and thumbnails, and the attachment rows
pages hold them by (one module per idea)."""

from .attachments import AttachmentBase
from .documents import DocumentThumbnail, HubDocument, HubImage, HubRendition
from .versions import DocumentVersion, record_version

__all__ = [
    "AttachmentBase",
    "DocumentThumbnail",
    "DocumentVersion",
    "HubDocument",
    "HubImage",
    "HubRendition",
    "record_version",
]
