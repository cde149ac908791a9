"""Typesetting a fiche with WeasyPrint, imported only when needed.

WeasyPrint loads Debian's Pango when it is imported and raises ``OSError``
without it (README « PDF des fiches »): a server without Pango serves its
pages as before and says the PDF is unavailable, never an error.
"""

import importlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

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
    """A WeasyPrint URL fetcher that reads the site's stylesheets and icons from
    the static files, and nothing else: no request leaves the server while a
    PDF is built, and no stored file is read past the rules that serve it to a
    reader."""
    urls = importlib.import_module("weasyprint.urls")

    class StaticFiles(urls.URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if not path.startswith(settings.STATIC_URL):
                raise ValueError(f"Not fetched for a PDF: {url}")
            name = path.removeprefix(settings.STATIC_URL)
            content_type = "text/css" if name.endswith(".css") else "image/png"
            return urls.URLFetcherResponse(
                url, static_file(name), {"Content-Type": content_type}
            )

    return StaticFiles()


def static_file(name):
    """A static file's bytes: from the app's folders (development) or what
    ``collectstatic`` gathered (production's hashed names)."""
    found = finders.find(name)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    with staticfiles_storage.open(name) as handle:
        return handle.read()
