"""Password guessing on Wagtail's shared-password forms, throttled like logins.

A page restricted by a shared password (``PageViewRestriction``) and a
collection whose documents are (``CollectionViewRestriction``) each answer a
password form: ``/<lang>/_util/authenticate_with_password/<restriction>/<page>/``
and ``/documents/authenticate_with_password/<restriction>/``. Wagtail tries
every password posted there, as often as asked. These views wrap Wagtail's own:
the passwords refused for one restriction from one client address
(``hub.client_address``, so clients behind a proxy are told apart) are counted
in the cache — shared by every process in production — and, from the
``AXES_FAILURE_LIMIT``-th refusal until ``AXES_COOLOFF_TIME`` after the last
one (the login's limits, see ``hub/auth_backends.py``), every password posted
there is refused unread with a 429 page that says so, in the visitor's
language, even the right one. Another restriction, or another address, is not
affected; a right password does not clear the count (it runs out).

django-axes counts per username, and these forms have none: giving it made-up
usernames would fill its login records and show its login lock-out page, so
the counting is done here with the same cache primitives axes' cache handler
uses.
"""

from axes.helpers import get_cool_off
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views

from .client_address import client_address

KEY = "password-throttling:{kind}:{restriction}:{address}"


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form of a private page, throttled."""
    return _throttled(
        request,
        _key("page", page_view_restriction_id, request),
        page_views.authenticate_with_password,
        page_view_restriction_id,
        page_id,
    )


def document_password(request, restriction_id):
    """Wagtail's password form of a private collection's documents, throttled."""
    return _throttled(
        request,
        _key("collection", restriction_id, request),
        document_views.authenticate_with_password,
        restriction_id,
    )


def _key(kind, restriction_id, request):
    address = client_address(request)
    return KEY.format(kind=kind, restriction=restriction_id, address=address)


def _throttled(request, key, view, *args):
    if request.method != "POST":
        return view(request, *args)
    limit = settings.AXES_FAILURE_LIMIT
    if (cache.get(key) or 0) >= limit:
        return _locked_out(request)
    response = view(request, *args)
    # Wagtail redirects once the password is right; otherwise it shows the form
    # again (an unknown restriction or page raises 404 before any of this).
    if response.status_code != 302 and _count_refusal(request, key) >= limit:
        return _locked_out(request)
    return response


def _count_refusal(request, key):
    """One more refused password: the new count, kept for the cool-off after
    this refusal."""
    timeout = int(get_cool_off(request).total_seconds())
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        count = 1
    cache.touch(key, timeout)
    return count


def _locked_out(request):
    seconds = int(get_cool_off(request).total_seconds())
    response = render(
        request,
        "password_lockout.html",
        {"minutes": max(1, seconds // 60)},
        status=429,  # Too Many Requests
    )
    response["Retry-After"] = str(seconds)
    return response
