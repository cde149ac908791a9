"""Workflow e-mails that are not lost: a one-line subject, retried, logged.

Wagtail's notifiers (``EmailNotificationMixin.send_emails`` in
``wagtail.admin.mail``) try each mail once, inside the request, and only log a
failure: a mail server that hiccups, or a subject Django refuses (a title with
a line break raises ``BadHeaderError``), and the reviewers never hear of the
submission. ``ReliableEmails`` hands each mail to ``deliver`` instead, which
enqueues ``send_notification``, a background task (``TASKS``): the request
that submitted or approved a fiche returns at once.

A mail the server does not take for now (no answer, a dropped connection, a
4xx reply) is tried again later, with a growing delay (``hub.task_retry``:
``ATTEMPTS`` in all, each failure logged with its recipient, the last one as an
error an operator will see); one it refuses for good (a 5xx reply, an unknown
recipient) is logged as an error at once. Under the immediate backend
(development, tests) the task runs inside the request and a retry follows at
once, without sleeping.
"""

import smtplib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override
from django_tasks import task
from wagtail.admin.mail import send_mail
from wagtail.admin.utils import get_admin_base_url
from wagtail.users.models import UserProfile

from hub.single_line import single_line
from hub.task_retry import retried

from .display_names import Localised
from .mail_isolation import IsolatedUser, isolate_context, isolated_links
from .request_origin import site_base_url

# Six attempts over about half an hour (1, 2, 4, 8 and 16 minutes between them):
# greylisting servers ask to come back after a few minutes, and a mail server
# restarted for maintenance is back by then.
ATTEMPTS = 6
FIRST_DELAY = 60


def is_transient(error):
    """Whether the mail may go through if tried again later."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500  # 4xx: "try again later"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPException):
        return False  # the server lacks something we need (STARTTLS, AUTH)
    # Refused or timed-out connections, unreachable hosts, DNS failures.
    return isinstance(error, OSError)


def _describe(subject, body, address, html=None):
    return f"Notification « {subject} » to {address}"


@task(takes_context=True)
@retried(
    transient=is_transient,
    attempts=ATTEMPTS,
    first_delay=FIRST_DELAY,
    describe=_describe,
)
def send_notification(subject, body, address, html=None):
    extra = {"html_message": html} if html else {}
    # A new connection each time: a failed one may be left half-open.
    send_mail(subject, body, [address], **extra)


def deliver(subject, body, address, html=None):
    """Send one mail to ``address`` in the background, on one line."""
    send_notification.enqueue(single_line(subject), body, address, html)
    return True


class ReliableEmails:
    """Mixed into a Wagtail e-mail notifier: the same templates and recipients
    (``send_emails``'s rendering), each mail handed to ``deliver``; each one in
    its recipient's language, the workflow and step named in it
    (display_names.py), its links at the address the site was reached at
    (request_origin.py)."""

    def send_emails(self, template_set, context, recipients, **kwargs):
        sent = 0
        for name in ("workflow", "task"):
            if context.get(name) is not None:
                context[name] = Localised(context[name])
        isolate_context(context)
        configured, base_url = _configured_base_url(), site_base_url()
        context["base_url"] = base_url
        for recipient in recipients:
            context["user"] = IsolatedUser(recipient)
            with override(recipient_language(recipient)):
                subject = render_to_string(template_set["subject"], context)
                body = render_to_string(template_set["text"], context).strip()
                html = None
                if getattr(settings, "WAGTAILADMIN_NOTIFICATION_USE_HTML", False):
                    html = render_to_string(template_set["html"], context)
                # Wagtail's templates read the setting themselves
                # (``base_url_setting``). Links isolated in the plain text only
                # (mail_isolation.py): an isolate inside an ``href`` breaks it.
                body, html = (_rebased(t, configured, base_url) for t in (body, html))
                body = isolated_links(body)
            sent += deliver(subject, body, recipient.email, html)
        return sent == len(recipients)


def recipient_language(user):
    """The language ``user`` chose for the admin, else the site's — never that
    of whoever acted: Wagtail's ``get_preferred_language`` falls back on the
    active language, the acting request's, so an author who never chose got
    the approval in the coordinator's language."""
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def _configured_base_url():
    return (get_admin_base_url() or "").rstrip("/")


def _rebased(text, configured, base_url):
    if not text or not configured or configured == base_url:
        return text
    return text.replace(f"{configured}/", f"{base_url}/")
