"""Typesetting a fiche with WeasyPrint, imported only when needed.

WeasyPrint loads Debian's Pango when it is imported and raises ``OSError``
without it (README « PDF des fiches »): a server without Pango serves its
pages as before and says the PDF is unavailable, never an error.
"""

import importlib
import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest
from django.urls import resolve

from documents import urls as documents_urls

logger = logging.getLogger(__name__)


class PdfUnavailable(Exception):
    """This server cannot typeset PDFs (WeasyPrint or Pango missing)."""


def weasyprint():
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from error


def available():
    try:
        weasyprint()
    except PdfUnavailable:
        return False
    return True


def render(page):
    """The PDF (bytes) of ``page``'s live content as an anonymous reader sees
    it: Wagtail's own rendering of the page outside a request (what previews
    use), its ``@media print`` rules, the page's ``lang`` and ``dir``."""
    engine = weasyprint()
    response = page.make_preview_request()
    if hasattr(response, "render"):
        response.render()
    base_url = page.get_full_url() or settings.SITE_BASE_URL
    html = engine.HTML(
        string=response.content.decode(response.charset),
        base_url=base_url,
        url_fetcher=static_fetcher(),
    )
    return html.write_pdf()


def static_fetcher():
    """A WeasyPrint URL fetcher that reads the site's static files, and its
    images as an anonymous reader gets them (``documents.views``: not those of
    a partners-only collection), and nothing else: no request leaves the
    server while a PDF is built, no stored file is read past its rules."""
    urls = importlib.import_module("weasyprint.urls")

    class SiteFiles(urls.URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if path.startswith(settings.STATIC_URL):
                name = path.removeprefix(settings.STATIC_URL)
                body = static_file(name)
                content_type = mimetypes.guess_type(name)[0] or "text/css"
            elif path.startswith(settings.MEDIA_URL):
                body, content_type = image_file(path)
            else:
                raise ValueError(f"Not fetched for a PDF: {url}")
            return urls.URLFetcherResponse(url, body, {"Content-Type": content_type})

    return SiteFiles()


def image_file(path):
    """An image or rendition through the view that serves it, as to an
    anonymous GET (its Http404 leaves the image out of the PDF)."""
    request = HttpRequest()
    request.method = "GET"
    request.user = AnonymousUser()
    view, args, kwargs = resolve(path, urlconf=documents_urls)
    response = view(request, *args, **kwargs)
    return b"".join(response.streaming_content), response["Content-Type"]


def static_file(name):
    """A static file's bytes: from the app's folders (development) or what
    ``collectstatic`` gathered (production's hashed names)."""
    found = finders.find(name)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    with staticfiles_storage.open(name) as handle:
        return handle.read()
