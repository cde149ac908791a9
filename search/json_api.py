"""What the JSON endpoints (``/api/search/…``) share: they read, never write.

``read_only`` lets GET and HEAD through and answers any other method with a
JSON 405 naming the allowed methods (``Allow`` header), as the OpenAPI document
promises — not Django's HTML 403 of the CSRF check, which would run first on a
POST: there is nothing to forge on an endpoint that changes nothing, so these
views are exempt from it. ``error`` is the document's ``Error`` answer.
"""

from functools import wraps

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

ALLOWED = ("GET", "HEAD")
UNICODE = {"ensure_ascii": False}


def read_only(view):
    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method not in ALLOWED:
            message = _(
                "Méthode %(method)s non permise : cette adresse répond seulement "
                "à %(allowed)s."
            ) % {"method": request.method, "allowed": ", ".join(ALLOWED)}
            response = JsonResponse(
                {"error": message}, status=405, json_dumps_params=UNICODE
            )
            response["Allow"] = ", ".join(ALLOWED)
            return response
        return view(request, *args, **kwargs)

    return checked


def error(message, parameter, status=400):
    return JsonResponse(
        {"error": message, "parameter": parameter},
        status=status,
        json_dumps_params=UNICODE,
    )
