"""The address people reached the site at, for the links of workflow e-mails.

Wagtail's mail templates link to ``WAGTAILADMIN_BASE_URL`` (our
``SITE_BASE_URL``), whose development default, http://127.0.0.1:8000, is
seldom where the site really runs. A workflow e-mail is rendered inside the
request that submitted, approved or commented (mail_delivery.ReliableEmails):
this middleware keeps that request at hand, and ``site_base_url`` answers with
its scheme and host — already checked against ``ALLOWED_HOSTS`` — and the
setting only when there is no request (a command, a background job), which is
why the worker's environment must set ``SITE_BASE_URL`` (README).
"""

from contextvars import ContextVar

from django.core.exceptions import DisallowedHost
from wagtail.admin.utils import get_admin_base_url

_request = ContextVar("request_origin", default=None)


class RequestOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def site_base_url():
    """``https://host`` of the current request, else the configured base."""
    request = _request.get()
    if request is not None:
        try:
            return request.build_absolute_uri("/").rstrip("/")
        except DisallowedHost:
            pass
    return (get_admin_base_url() or "").rstrip("/")
