"""Whether the useful links still lead somewhere, and who is told when not.

Each address is asked with HEAD first (no body to download); a server that
refuses HEAD or answers it with an error gets a GET, as a browser would send.
Redirects are followed (urllib does for HEAD and GET). A link is dead when the
last answer is an error status (4xx, 5xx), or nothing answers within the
timeout. The coordination's members (``practices.publishing.roles``) get the
list of the dead ones, each in the language they chose for the admin.
"""

import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from hub import keys
from practices.publishing.mail_delivery import recipient_language
from practices.publishing.roles import group_key

TIMEOUT = 10
USER_AGENT = "Passerelle link check (+https://passerelle.example.org)"


@dataclass(frozen=True)
class DeadLink:
    link: object  # a UsefulLink
    reason: str  # "404", "timeout", or the network error


def problem(url, timeout=TIMEOUT):
    """None if ``url`` answers, else why it does not (a status or an error)."""
    status = _ask(url, "HEAD", timeout)
    if status is not None and status < 400:
        return None
    return _get_problem(url, timeout)


def _get_problem(url, timeout):
    try:
        status = _ask(url, "GET", timeout, raise_errors=True)
    except TimeoutError:  # socket.timeout is an alias of it
        return "timeout"
    except urllib.error.URLError as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            return "timeout"
        return str(reason)
    except (OSError, ValueError) as error:
        return str(error)
    return None if status < 400 else str(status)


def _ask(url, method, timeout, raise_errors=False):
    """The final status of ``method`` on ``url``; None if the request failed
    (re-raised with ``raise_errors``)."""
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, ValueError):
        if raise_errors:
            raise
        return None


def dead_links(links, timeout=TIMEOUT):
    """The links among ``links`` whose address does not answer; each address
    asked once, however many translations share it."""
    problems, dead = {}, []
    for link in links:
        if link.url not in problems:
            problems[link.url] = problem(link.url, timeout)
        if problems[link.url] is not None:
            dead.append(DeadLink(link, problems[link.url]))
    return dead


def coordinators():
    group = keys.find(Group, group_key("coordinators"))
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).exclude(email=""))


def report(dead):
    """E-mail the list of ``dead`` links to each coordinator; the number sent."""
    sent = 0
    for user in coordinators():
        with override(recipient_language(user)):
            subject = _("[Passerelle] Liens utiles qui ne répondent plus")
            body = render_to_string("portal/dead_links_mail.txt", {"dead": dead})
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return sent
