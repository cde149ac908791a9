"""The e-mail that tells the programme's coordination the search healed itself.

Sent by ``search.healing`` once per heal that repaired something and left
nothing behind — the end of an outage (its kept writes replayed) or a rebuilt
index — never per write: the coordinators learn that search was simplified for
a while and is whole again, and need do nothing. Recipients: the active members
of the coordination group (found by its key, ``hub.keys``, as the workflows
find it), each in their admin language (French or Arabic, like the workflow
e-mails), through ``practices.publishing.mail_delivery.deliver`` (one-line
subject, retried, logged). No host names or error messages: those are in the
log for operators.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.users.models import UserProfile

from hub import keys
from practices.publishing.mail_delivery import deliver
from practices.publishing.roles import group_key

__all__ = ["notify_coordination"]

logger = logging.getLogger(__name__)


def coordinators():
    groups = keys.objects(Group, group_key("coordinators"))
    return (
        get_user_model()
        .objects.filter(groups__in=groups, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def notify_coordination(report) -> int:
    """E-mail ``report`` (a ``search.healing.HealReport``) to the coordinators;
    return how many mails were sent."""
    sent = 0
    recipients = list(coordinators())
    if not recipients:
        logger.warning(
            "The search engine was repaired, but the coordination group has no "
            "member with an e-mail address to tell."
        )
    for user in recipients:
        language = UserProfile.get_for_user(user).get_preferred_language()
        with override(language):
            subject, body = _message(report)
        sent += deliver(subject, body, user.email)
    return sent


def _message(report):
    subject = _("Recherche : le moteur de recherche est de nouveau complet")
    lines = [
        _(
            "Le moteur de recherche a été réparé automatiquement : les pages "
            "publiées ou modifiées pendant l'interruption sont de nouveau trouvées."
        ),
        "",
    ]
    if report.outage_since:
        since = formats.date_format(report.outage_since, "DATETIME_FORMAT")
        lines.append(_("Interruption depuis : %(date)s") % {"date": since})
    if report.rebuilt:
        lines.append(
            _("Index reconstruits : %(count)s") % {"count": len(report.rebuilt)}
        )
    lines.append(
        _("Modifications rattrapées : %(count)s")
        % {"count": report.replayed + report.deleted}
    )
    lines += [
        "",
        _(
            "Pendant l'interruption, la recherche a répondu en mode simplifié. "
            "Aucune action n'est nécessaire."
        ),
    ]
    return subject, "\n".join(lines)
