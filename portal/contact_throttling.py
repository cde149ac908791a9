"""How many messages one client address may post through the contact form.

The form sends e-mail to real people on the programme's behalf: left open, a
script would flood their inboxes (and the server's reputation). Every post
from one address (``hub.client_address``, through the trusted proxies) is
counted in the shared cache, as the password forms count refusals
(``hub.password_throttling``); from the ``CONTACT_FORM_LIMIT``-th until
``CONTACT_FORM_WINDOW`` after the first, a post is refused unread with a 429.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache

from hub.client_address import client_address

KEY = "contact-form:{address}"
LIMIT = 5
WINDOW = timedelta(hours=1)


def limit():
    return getattr(settings, "CONTACT_FORM_LIMIT", LIMIT)


def window_seconds():
    return int(getattr(settings, "CONTACT_FORM_WINDOW", WINDOW).total_seconds())


def _key(request):
    return KEY.format(address=client_address(request))


def is_throttled(request):
    """Whether this client has used up its posts."""
    return (cache.get(_key(request)) or 0) >= limit()


def count_post(request):
    """One more post from this client (the window starts at the first)."""
    key, timeout = _key(request), window_seconds()
    cache.add(key, 0, timeout)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
