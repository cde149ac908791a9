"""One-click unsubscribe (RFC 8058), without logging in.

Each digest carries ``List-Unsubscribe: <https://…/désabonnement/TOKEN/>`` and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``: the mail client POSTs
to that address and every follow of the member ends at once. The token is the
member's id signed (``django.core.signing``, its own salt), so nobody
unsubscribes someone else; it has no expiry (an old digest's link still works)
but a rotated secret key ends it (SECRET_KEY_FALLBACKS keeps it a while).

A GET — a person clicking the link, or a mail scanner prefetching it — only
shows a page with the button: scanners must not unsubscribe anyone. A bad or
tampered token, or an account since deleted, is a 400 page in the reader's
language, never a 500."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Follow

SALT = "alerts.unsubscribe"


def token_for(user):
    return signing.dumps(user.pk, salt=SALT)


def unsubscribe_path(user, language):
    with override(language):
        return reverse("alerts:unsubscribe", args=[token_for(user)])


def _member(token):
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


# No CSRF check on this view only: the one-click POST comes from a mail
# client, which has no cookie nor form token (RFC 8058, section 3.2); the
# signed token in the address is what proves the request legitimate, and all
# it can do is stop alerts.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    member = _member(token)
    if member is None:
        return render(request, "alerts/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        Follow.objects.filter(user=member).delete()
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe_confirm.html", {"token": token})
