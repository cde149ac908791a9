"""Pages and API answers compressed for slow connections.

A practice page is about 13 KB of HTML and 4.5 KB gzipped: on a phone on a slow
connection that is the difference that shows. Static files are already served
compressed by WhiteNoise (listed before this middleware, so they do not come
through it); this compresses HTML and JSON, and nothing else: documents and
images are compressed formats already, and a byte range of a download (HTTP 206)
must stay a range of the file's own bytes.

BREACH (guessing a secret from compressed sizes) needs a secret in the page and
attacker text reflected beside it. Django's CSRF token is masked anew for each
response, and Django's ``GZipMiddleware`` (4.2+) adds up to 100 random bytes to
each compressed response ("Heal The Breach"), so the sizes do not leak it.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/html", "application/json")


class CompressTextMiddleware(GZipMiddleware):
    """Django's ``GZipMiddleware`` (Vary, ETag weakening, minimum size, the
    BREACH mitigation), for HTML and JSON answers only, never for a file
    served as a download."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if (
            content_type not in COMPRESSED_TYPES
            or response.status_code == 206
            or response.has_header("Content-Disposition")
        ):
            return response
        return super().process_response(request, response)
