"""Error pages that stay in the visitor's language and never depend on the DB."""

from django.db.models import F
from django.http import Http404
from django.shortcuts import render
from django.views.static import serve as static_serve

from practices.privacy import private_collection_ids, refused_collection_ids


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def serve_image_file(request, path, document_root):
    """Serve an uploaded image or rendition with headers that stop type sniffing.

    An image of a partners-only collection (``CollectionViewRestriction``, which
    Wagtail itself applies to documents only) is served only to those the
    restriction accepts, never from a shared cache; others get a 404, as for a
    file that does not exist (an ``<img>`` cannot follow a login redirect)."""
    collection_id = _image_collection_id(path)
    private = collection_id is not None and collection_id in private_collection_ids()
    if private and refused_collection_ids([collection_id], request.user):
        raise Http404("No such image.")
    response = static_serve(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private" if private else "public, max-age=2592000"
    return response


def _image_collection_id(path):
    """The collection of the image stored at ``path`` (an original or one of its
    renditions), or None when no image has that file."""
    from practices.models import HubImage, HubRendition

    if path.startswith("original_images/"):
        found = HubImage.objects.filter(file=path)
    else:
        found = HubRendition.objects.filter(file=path)
        found = found.annotate(collection_id=F("image__collection_id"))
    return found.values_list("collection_id", flat=True).first()
