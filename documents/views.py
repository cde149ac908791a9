"""Answers for files a collection's view restriction refuses, and the image files
served from storage with the same rule."""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from wagtail.images import get_image_model

from hub.visibility import PASSWORD, viewer

from .visibility import private_collection_ids, refused_collection_ids


def refuse_document(document, request):
    """None when the request may have ``document`` (Wagtail's own
    ``accept_request``); otherwise the answer. A shared password: Wagtail's
    password form. Otherwise the login page for a visitor who is not logged
    in, as Wagtail does, and a 403 page saying why for a logged-in user the
    restriction does not accept (the login form they already passed would
    loop)."""
    from wagtail.documents.wagtail_hooks import check_view_restrictions
    from wagtail.wagtail_hooks import require_wagtail_login  # needs loaded models

    restrictions = document.collection.get_view_restrictions()
    refused = [r for r in restrictions if not r.accept_request(request)]
    if not refused:
        return None
    if any(r.restriction_type == PASSWORD for r in refused):
        return check_view_restrictions(document, request)
    user = viewer(request)
    if user is None or not user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    return render(request, "documents/restricted.html", status=403)


def serve_image_file(request, path):
    """Serve an uploaded image or rendition from the media storage (local disk
    or S3, ``default_storage``), with headers that stop type sniffing, and a 304
    when the browser's copy is as recent (Last-Modified: a stored file is never
    rewritten, a changed image gets a new name).

    An image of a partners-only collection (``CollectionViewRestriction``, which
    Wagtail itself applies to documents only) is served only to those the
    restriction accepts, never from a shared cache; others get a 404, as for a
    file that does not exist (an ``<img>`` cannot follow a login redirect)."""
    collection_id = _image_collection_id(path)
    private = collection_id is not None and collection_id in private_collection_ids()
    if private and refused_collection_ids([collection_id], request.user):
        raise Http404("No such image.")
    try:
        modified = int(default_storage.get_modified_time(path).timestamp())
        response = get_conditional_response(request, last_modified=modified)
        if response is None:
            content_type, encoding = mimetypes.guess_type(path)
            response = FileResponse(
                default_storage.open(path, "rb"),
                content_type=content_type or "application/octet-stream",
            )
            if encoding:
                response["Content-Encoding"] = encoding
    except (FileNotFoundError, SuspiciousFileOperation) as error:
        raise Http404("No such image.") from error
    response["Last-Modified"] = http_date(modified)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private" if private else "public, max-age=2592000"
    return response


def _image_collection_id(path):
    """The collection of the image stored at ``path`` (an original or one of its
    renditions), or None when no image has that file."""
    image_model = get_image_model()
    if path.startswith("original_images/"):
        found = image_model.objects.filter(file=path)
    else:
        found = image_model.get_rendition_model().objects.filter(file=path)
        found = found.annotate(collection_id=F("image__collection_id"))
    return found.values_list("collection_id", flat=True).first()
