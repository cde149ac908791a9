"""Error pages that stay in the visitor's language and never depend on the DB."""

from django.shortcuts import render
from django.views.static import serve as static_serve


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def serve_image_file(request, path, document_root):
    """Serve an uploaded image or rendition with headers that stop type sniffing."""
    response = static_serve(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=2592000"
    return response
