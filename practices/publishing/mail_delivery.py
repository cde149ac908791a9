"""Workflow e-mails that are not lost: a one-line subject, a bounded retry, a log.

Wagtail's notifiers (``EmailNotificationMixin.send_emails`` in
``wagtail.admin.mail``) try each mail once and only log a failure: a mail
server that hiccups, or a subject Django refuses (a title with a line break
raises ``BadHeaderError``), and the reviewers never hear of the submission.
``ReliableEmails`` sends each mail through ``deliver`` instead.

No task queue runs here (the settings configure no ``TASKS``: django-tasks
then runs a task at once, and it has no retries of its own), so the retry is
bounded and done in place: ``1 + len(RETRY_DELAYS)`` attempts, each failure
logged with its recipient, the last one as an error an operator will see.
"""

import logging
import time

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.admin.mail import send_mail

from hub.single_line import single_line

logger = logging.getLogger(__name__)

# Seconds to wait before the second and the third attempt: a dropped connection
# or a greylisting server is usually back by then; longer would hold the request.
RETRY_DELAYS = (1, 4)


def deliver(subject, body, address, html=None):
    """Send one mail to ``address``; True once sent, False (logged as an error)
    when every attempt failed."""
    subject = single_line(subject)
    extra = {"html_message": html} if html else {}
    attempts = 1 + len(RETRY_DELAYS)
    for attempt, delay in enumerate((0, *RETRY_DELAYS), start=1):
        if delay:
            time.sleep(delay)
        try:
            # A new connection each time: a failed one may be left half-open.
            send_mail(subject, body, [address], **extra)
        except Exception:
            if attempt == attempts:
                logger.exception(
                    "Notification « %s » to %s not sent after %d attempts",
                    subject,
                    address,
                    attempts,
                )
                return False
            logger.warning(
                "Notification « %s » to %s failed (attempt %d of %d), retrying",
                subject,
                address,
                attempt,
                attempts,
                exc_info=True,
            )
        else:
            if attempt > 1:
                logger.info(
                    "Notification « %s » to %s sent at attempt %d",
                    subject,
                    address,
                    attempt,
                )
            return True
    return False


class ReliableEmails:
    """Mixed into a Wagtail e-mail notifier: the same templates, recipients and
    languages (``send_emails``'s rendering), each mail sent by ``deliver``."""

    def send_emails(self, template_set, context, recipients, **kwargs):
        sent = 0
        for recipient in recipients:
            context["user"] = recipient
            with override(recipient.wagtail_userprofile.get_preferred_language()):
                subject = render_to_string(template_set["subject"], context)
                body = render_to_string(template_set["text"], context).strip()
                html = None
                if getattr(settings, "WAGTAILADMIN_NOTIFICATION_USE_HTML", False):
                    html = render_to_string(template_set["html"], context)
            sent += deliver(subject, body, recipient.email, html)
        return sent == len(recipients)
