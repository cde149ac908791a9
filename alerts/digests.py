"""The alert e-mails: what each member receives, sent by background tasks.

``send_weekly_digests`` (enqueued by ``manage.py send_alert_digests``, which
cron runs weekly) sends each member one digest of their weekly follows;
``send_immediate_alerts`` (enqueued when a page is published,
``signal_handlers``) sends the page to the members who follow it
immediately. Both run in the worker, never in the publishing request (with
the immediate backend of development, inside it).

Never twice: each publication sent is recorded (``SentAlert``: member, page,
``last_published_at``) and a publication already recorded is left out — an
item matching two follows goes once, a second run sends nothing, and only a
new publication of the page (an update) goes again, as « mise à jour ».
The mail is plain text in the member's language (``mail_language``), its
values of the other direction isolated as the workflow mails do."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task
from wagtail.users.models import UserProfile

from hub.single_line import single_line
from practices import content_types
from practices.publishing.mail_isolation import isolated, isolated_links
from practices.publishing.request_origin import site_base_url

from .matching import matching_pages, since, term_name
from .models import Follow, SentAlert
from .unsubscribe import unsubscribe_path

logger = logging.getLogger(__name__)


def mail_language(user, follows):
    """The language the member chose (their profile), else the language of
    the content they follow first."""
    chosen = UserProfile.get_for_user(user).preferred_language
    languages = [code for code, _name in settings.LANGUAGES]
    if chosen in languages:
        return chosen
    return follows[0].language if follows else settings.LANGUAGE_CODE


def new_items(user, follows, now=None, only=None):
    """[(page, updated, follow)] not yet sent to ``user``, each page once."""
    found = {}
    for follow in follows:
        for page in matching_pages(follow, now, only):
            found.setdefault(page.pk, (page, follow))
    sent = set(
        SentAlert.objects.filter(user=user, page_id__in=found).values_list(
            "page_id", "published_at"
        )
    )
    earlier = {page_id for page_id, _at in sent}
    items = []
    for page, follow in found.values():
        if (page.pk, page.last_published_at) in sent:
            continue
        updated = page.pk in earlier or page.first_published_at < since(follow, now)
        items.append((page, updated, follow))
    return items


def send_digest(user, follows, now=None, only=None):
    """Send ``user`` what ``follows`` bring them and record it; the number of
    items sent (0: no mail)."""
    if not user.email or not user.is_active:
        return 0
    with transaction.atomic():
        # One digest run per member at a time: the weekly batch and an immediate
        # alert in two workers would otherwise both find the same publication
        # unsent. The member's row is the lock (PostgreSQL; SQLite runs one
        # writer at a time anyway); the second run then sees the first's records.
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        return _send_unsent(user, follows, now, only)


def _send_unsent(user, follows, now, only):
    items = new_items(user, follows, now, only)
    if not items:
        return 0
    language = mail_language(user, follows)
    base = site_base_url()
    with override(language):
        context = {
            "user_name": isolated(user.get_full_name() or user.get_username()),
            "items": [
                _item(page, updated, follow, base) for page, updated, follow in items
            ],
            "alerts_url": base + _alerts_path(),
        }
        subject = single_line(render_to_string("alerts/mail/subject.txt", context))
        body = isolated_links(render_to_string("alerts/mail/digest.txt", context))
        unsubscribe = base + unsubscribe_path(user, language)
    message = EmailMessage(
        subject,
        body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    with transaction.atomic():  # a savepoint inside the member's lock
        SentAlert.objects.bulk_create(
            [
                SentAlert(
                    user=user, page_id=page.pk, published_at=page.last_published_at
                )
                for page, _updated, _follow in items
            ],
            ignore_conflicts=True,
        )
        # Recorded, then sent: a mail the server refuses rolls the record back.
        message.send()
    return len(items)


def _alerts_path():
    return reverse("alerts:list")


def _item(page, updated, follow, base):
    kind = next(k for k in content_types.registered() if isinstance(page, k.model))
    return {
        "title": isolated(page.title),
        "kind": kind.index_title,
        "updated": updated,
        "followed": isolated(term_name(follow)),
        "url": _absolute(page.get_url(None) or "", base),
    }


def _absolute(url, base):
    """A page's URL as a mail links it (relative on a one-site hub)."""
    return base + url if url.startswith("/") else url


def _sent_to_each(members, **kwargs):
    """Each member's mail; one the server refuses is logged and left for the
    next run (its record rolled back), the others still go."""
    sent = 0
    for user, follows in members.items():
        try:
            sent += send_digest(user, follows, **kwargs)
        except (smtplib.SMTPException, OSError):
            logger.exception("Alert mail to member %s not sent", user.pk)
    return sent


def _members_with(frequency):
    follows = Follow.objects.filter(frequency=frequency).select_related("user")
    by_member = {}
    for follow in follows:
        by_member.setdefault(follow.user, []).append(follow)
    return by_member


@task()
def send_weekly_digests():
    """One digest per member of everything their weekly follows bring."""
    return _sent_to_each(_members_with(Follow.WEEKLY), now=timezone.now())


@task()
def send_immediate_alerts(page_id):
    """The newly published page to the members who follow it immediately."""
    return _sent_to_each(_members_with(Follow.IMMEDIATE), only=page_id)
