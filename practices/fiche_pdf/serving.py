"""Serving ``…/<fiche>/pdf/``: an ``on_serve_page`` hook registered inside
Wagtail's own (``wagtail_hooks``), so the page's view restrictions (a login, a
group, a password) are applied exactly as for the page itself.

* the PDF of the live version is stored: it is sent as an attachment;
* it is not: its build is enqueued and a small page says it is being prepared
  and reloads itself (``Refresh``) until the PDF is there;
* this server cannot typeset PDFs (no Pango): a page says so (503), the
  fiche can still be printed from the browser.

Nothing of this is cached by the page cache or a proxy: the file is streamed,
the pages are ``no-store``.
"""

from django.http import FileResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from ..models.practices import PDF_ROUTE
from . import engine, stored, tasks

REFRESH_SECONDS = 5


def serve_fiche_pdf(next_serve):
    """``on_serve_page`` hook: the PDF route of a fiche, or the page as before."""

    def serve(page, request, args, kwargs):
        if not kwargs.get(PDF_ROUTE):
            return next_serve(page, request, args, kwargs)
        return fiche_pdf(page, request)

    return serve


def fiche_pdf(page, request):
    if not engine.available():
        return notice(request, page, ready=False, status=503)
    name = stored.name_for(page)
    if not stored.exists(name):
        tasks.request_build(page)
    if not stored.exists(name):
        response = notice(request, page, ready=True, status=200)
        response["Refresh"] = str(REFRESH_SECONDS)
        return response
    response = FileResponse(
        stored.open_file(name),
        as_attachment=True,
        filename=f"{page.slug}.pdf",
        content_type="application/pdf",
    )
    # A restricted page's PDF is one reader's: no shared cache keeps it.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def notice(request, page, *, ready, status):
    """« PDF en préparation » (``ready``: this server can build it) or
    « PDF indisponible »."""
    response = render(
        request,
        "practices/fiche_pdf_notice.html",
        {"fiche": page, "can_build": ready, "refresh_seconds": REFRESH_SECONDS},
        status=status,
    )
    add_never_cache_headers(response)
    return response
