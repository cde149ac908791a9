"""A media storage that does not answer gets a 503 page, never a 500.

With media on S3 (hub/media_storage.py), the bucket is a service on the
network: when it is down, unreachable or refuses our credentials, a download,
an image or an upload cannot be done right now, but the site itself is fine
and will be again once the storage answers — which is what 503 Service
Unavailable (with Retry-After) says, to visitors, their browsers and the
load balancer alike. The reason goes to the log (logger ``hub.storage``),
never into the page. On local disk nothing here applies: a disk that fails
is a server error.
"""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.shortcuts import render

__all__ = ["StorageUnavailableMiddleware", "storage_unavailable"]

logger = logging.getLogger("hub.storage")

RETRY_AFTER_SECONDS = 30


def storage_unavailable(exception):
    """Whether ``exception`` says the object storage cannot be used now: it did
    not answer (connection, timeout), or answered with an error other than a
    missing object (a 404 is a missing file, the view's to say)."""
    if isinstance(exception, ClientError):
        status = exception.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return status != 404
    return isinstance(exception, BotoCoreError)


class StorageUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not storage_unavailable(exception):
            return None
        logger.warning(
            "Media storage unavailable for %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            " ".join(str(exception).split())[:300],
        )
        response = render(request, "503.html", {"files": True}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
