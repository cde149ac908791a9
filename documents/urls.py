"""The document and image URLs that Wagtail's own do not cover, included at the
site's root by ``hub/urls.py`` ahead of Wagtail's document URLs (whose
"<id>/<anything>" pattern would take them)."""

from django.urls import path, re_path

from . import downloads
from .views import serve_image_file

urlpatterns = [
    # Every version of a document (byte ranges supported) and its thumbnail.
    path(
        "documents/<int:document_id>/v<int:number>/<str:filename>",
        downloads.serve_version,
        name="document-version",
    ),
    path(
        "documents/<int:document_id>/apercu/<str:checksum>.webp",
        downloads.serve_thumbnail,
        name="document-thumbnail",
    ),
    # Wagtail's document view, its headers corrected (downloads.serve_document).
    re_path(
        r"^documents/(\d+)/(.*)$", downloads.serve_document, name="wagtaildocs_serve"
    ),
    # Only image files are served from MEDIA_ROOT; documents always go through
    # the serve view above, so that download headers and privacy rules apply.
    re_path(
        r"^media/(?P<path>(?:images|original_images)/[^/]+)$",
        serve_image_file,
    ),
]
