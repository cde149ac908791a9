"""Downloading document versions and thumbnails, counting downloads, and what
pages need to show download links (``downloads_for``).

Files go through Django, never a bare media URL, as with Wagtail's own serve view
(WAGTAILDOCS_SERVE_METHOD = "serve_view"): the same ``before_serve_document`` hooks
run first — whether the document is published or the viewer works on it
(``document_access``), the collection's privacy, then our counter — and responses
carry ``Content-Disposition: attachment`` and ``nosniff``. Unlike Wagtail's view,
byte ranges are honoured, so an agent whose mobile connection drops resumes the
download instead of starting over (https://www.rfc-editor.org/rfc/rfc9110#name-range-requests).
"""

import mimetypes
import re
from dataclasses import dataclass

from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.crypto import constant_time_compare
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import CollectionViewRestriction

from .access import is_public, refuse_unpublished
from .models import DocumentThumbnail, DocumentVersion, HubDocument
from .pending_files import may_read_pending
from .previews import excerpt, office_family
from .views import refuse_document

# One range only; a client asking for several gets the whole file (RFC 9110
# lets a server ignore Range), which no download manager minds.
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, less the ``Content-Encoding: None`` header its
    file sender writes when the type has no encoding (every document): curl
    --compressed and strict proxies refuse a response in an unknown encoding.
    A file the storage lost is a 404, not a 500, on S3 as on disk."""
    try:
        response = wagtail_serve(request, document_id, document_filename)
    except FileNotFoundError as error:
        raise Http404("This document's file is missing.") from error
    if response.get("Content-Encoding") in ("None", ""):
        del response["Content-Encoding"]
    return response


@require_safe
def serve_version(request, document_id, number, filename):
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__collection"),
        document_id=document_id,
        number=number,
    )
    if version.filename != filename:
        raise Http404("This version does not match the given filename.")
    if version.pending:
        # Read by those who decide on it: not a download, never counted.
        if not may_read_pending(request.user, version.document):
            raise Http404("This version waits for validation.")
        return file_response(request, version)
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(version.document, request)
        if isinstance(result, HttpResponse):
            return result
    return file_response(request, version)


def file_response(request, version):
    etag = f'"{version.checksum}"' if version.checksum else None
    if etag and (not_modified := get_conditional_response(request, etag=etag)):
        return not_modified
    try:  # from the media storage: local disk or S3 (hub/media_storage.py)
        size = version.file.size
        span = requested_span(request, size, etag)
        if span == "unsatisfiable":
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
        elif span is None:
            response = FileResponse(version.file.open("rb"))
        else:
            response = partial_response(version.file.open("rb"), span, size)
    except FileNotFoundError as error:  # a file lost by the storage: no 500
        raise Http404("This version's file is missing.") from error
    content_type = mimetypes.guess_type(version.filename)[0]
    response["Content-Type"] = content_type or "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(True, version.filename)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    # A version's bytes never change, but privacy rules may: browsers only.
    response["Cache-Control"] = "private, max-age=86400"
    if etag:
        response["ETag"] = etag
    return response


def requested_span(request, size, etag):
    """(first, last) byte asked for, None for the whole file, or
    "unsatisfiable". A Range whose If-Range names another file is ignored."""
    match = RANGE.match(request.headers.get("Range", "").strip())
    if not match or request.headers.get("If-Range", etag) != etag:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "bytes=-500": the last 500 bytes
        return (max(size - int(last), 0), size - 1) if int(last) else "unsatisfiable"
    first, last = int(first), min(int(last) if last else size - 1, size - 1)
    if first >= size or first > last:
        return "unsatisfiable"
    return first, last


def partial_response(handle, span, size):
    first, last = span
    response = StreamingHttpResponse(read_span(handle, first, last), status=206)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = last - first + 1
    return response


def read_span(handle, first, last):
    with handle:
        handle.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


# First of all, a 404 for a document that is not published to the viewer, unless
# they work on it (document_access): a stranger learns nothing of its existence.
# Then, before Wagtail's own check (order 0), which sends a logged-in user the
# restriction refuses back to the login form they already passed: they get a 403
# page saying why (anonymous visitors still go to the login page). Every URL that
# serves document bytes runs these hooks (Wagtail's serve view, serve_version).
hooks.register("before_serve_document", refuse_unpublished, order=-2)
hooks.register("before_serve_document", refuse_document, order=-1)


def count_download(document, request):
    """One more download, unless the request resumes one (a Range not starting
    at 0) or only asks for headers. One UPDATE, so concurrent downloads all
    count (``before_serve_document`` hook, see wagtail_hooks)."""
    match = RANGE.match(request.headers.get("Range", "").strip())
    if request.method != "GET" or (match and match.group(1) not in ("", "0")):
        return
    HubDocument.objects.filter(pk=document.pk).update(
        download_count=F("download_count") + 1
    )


@require_safe
def serve_thumbnail(request, document_id, checksum):
    """A document's first-page thumbnail, under the document's own rules.

    Its URL carries the file's whole checksum, compared in constant time: the
    URL cannot be guessed from the document's id (a prefix or a timing would
    let one enumerate it), and it changes with the file, so a public thumbnail
    is cached for good. Any other is kept out of shared caches."""
    document = get_object_or_404(
        HubDocument.objects.select_related("collection"), pk=document_id
    )
    expected = document.checksum if document.thumbnail_width else ""
    if not expected or not constant_time_compare(expected, checksum):
        raise Http404("No thumbnail for this file.")
    public = is_public(document)
    if not public:
        refuse_unpublished(document, request)
        denied = refuse_document(document, request)
        if denied is not None:
            return denied
    thumbnail = get_object_or_404(DocumentThumbnail, document=document)
    response = HttpResponse(bytes(thumbnail.webp), content_type="image/webp")
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if public else "private, no-cache"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@dataclass
class DocumentDownload:
    """One attached document as a page lists it: every version, newest first,
    and whether its preview may be shown (not when its collection is private:
    the thumbnail and excerpt would leak what the download view protects)."""

    document: HubDocument
    versions: list
    public: bool

    @property
    def current(self):
        return self.versions[0] if self.versions else None

    @property
    def earlier(self):
        return self.versions[1:]

    @property
    def url(self):
        return self.current.url if self.current else self.document.url

    @property
    def thumbnail_url(self):
        return self.document.thumbnail_url if self.public else ""

    @property
    def excerpt(self):
        return excerpt(self.document.extracted_text) if self.public else ""

    @property
    def icon(self):
        return office_family(self.document.file_extension)


def downloads_for(attachments):
    """The page's attachments as DocumentDownloads, in two queries whatever
    their number (versions, view restrictions), three with restrictions."""
    return downloads_of([attachment.document for attachment in attachments])


def downloads_of(documents):
    """``documents`` (a list) as DocumentDownloads, with the same queries as
    ``downloads_for`` (the programme page lists documents no page attaches)."""
    # Not a file waiting for the coordination (pending_files.py).
    published = Prefetch("versions", DocumentVersion.objects.filter(pending=False))
    prefetch_related_objects(documents, published)
    private_paths = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if private_paths:
        prefetch_related_objects(documents, "collection")
    return [
        DocumentDownload(
            document,
            list(document.versions.all()),
            public=not any(
                document.collection.path.startswith(path) for path in private_paths
            ),
        )
        for document in documents
    ]
