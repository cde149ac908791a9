"""The address a request comes from, read through the trusted reverse proxies.

Behind a reverse proxy every request's ``REMOTE_ADDR`` is the proxy's own: the
login throttling (django-axes, ``AXES_CLIENT_IP_CALLABLE``) and the throttling
of the page and document password forms (``hub.password_throttling``) would
count everybody's failures together and lock everyone out at once.

Each proxy appends the address it received the request from to
``X-Forwarded-For``. With ``TRUSTED_PROXY_COUNT`` = N proxies in front of the
application, the client is therefore the N-th address from the right; whatever
stands left of it was sent by the client itself and is never believed (a forged
header cannot escape a lock-out). 0, the default, means no proxy:
``REMOTE_ADDR`` only, whatever the header says. A request carrying fewer
addresses than that, or something that is not an address at that position, did
not come through the proxies as configured: ``REMOTE_ADDR`` again.

django-ipware, which axes can use instead, counts the proxies without the last
one and prefers a publicly routable address among several headers; one header
read at a fixed position is the whole rule here, so it is written out.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The client's IP address, as a string (``REMOTE_ADDR`` when in doubt)."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",")]
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote
