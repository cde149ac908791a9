"""Documents, images, their versions and thumbnails, and the attachment rows
pages hold them by (one module per idea)."""

from .attachments import AttachmentBase
from .documents import (
    FILE_FACT_FIELDS,
    DocumentThumbnail,
    ExtractionState,
    HubDocument,
    HubImage,
    HubRendition,
)
from .versions import DocumentVersion, record_version

__all__ = [
    "FILE_FACT_FIELDS",
    "AttachmentBase",
    "DocumentThumbnail",
    "DocumentVersion",
    "ExtractionState",
    "HubDocument",
    "HubImage",
    "HubRendition",
    "record_version",
]
