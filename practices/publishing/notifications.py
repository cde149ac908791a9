"""E-mail the reviewers of a page's commune when it reaches the commune review.

Wagtail e-mails a step's reviewers only for its GroupApprovalTask
(``GroupApprovalTaskStateSubmissionEmailNotifier``, connected to
``task_submitted`` in ``wagtail.admin.signal_handlers``): our
CommuneReviewTask has no fixed groups, so without this notifier nobody would
hear of a submission. It reuses Wagtail's templates
(``wagtailadmin/notifications/task_state_submitted*``), each user's
notification preference and preferred admin language (the step named in it:
``mail_delivery.ReliableEmails``).
https://docs.wagtail.org/en/stable/extending/custom_tasks.html

Every workflow e-mail, ours and Wagtail's, is sent through
``mail_delivery.ReliableEmails``: a one-line subject, retried, never lost
without a log.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import (
    BaseGroupApprovalTaskStateEmailNotifier,
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState

from ..models.review_task import CommuneReviewTask, commune_key_of
from ..models.roles import REVIEWER
from .mail_delivery import ReliableEmails
from .resubmission_compare import changes_url


class CommuneReviewSubmissionEmailNotifier(
    ReliableEmails, BaseGroupApprovalTaskStateEmailNotifier
):
    """ "Submitted for review" to the reviewers of the page's commune only."""

    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, CommuneReviewTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        users = get_user_model().objects
        key = commune_key_of(task_state.workflow_state.content_object)
        recipients = users.none()
        if key is not None:
            recipients = users.filter(
                groups__commune_role__role=REVIEWER,
                groups__commune_role__commune__translation_key=key,
            )
        # Superusers can act on every step: Wagtail tells them too, unless
        # WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS says otherwise.
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients | users.filter(is_superuser=True)
        user = kwargs.get("user")
        if user is not None:
            recipients = recipients.exclude(pk=user.pk)
        return set(recipients.distinct())

    def get_context(self, task_state, **kwargs):
        # A resubmission links to what changed since the reviewers sent it
        # back (our task_state_submitted.txt / .html).
        context = super().get_context(task_state, **kwargs)
        context["changes_url"] = changes_url(task_state)
        return context


commune_review_submission_notifier = CommuneReviewSubmissionEmailNotifier()

# Wagtail's own workflow notifiers (``wagtail.admin.signal_handlers``), by signal
# name, sender and the dispatch_uid Wagtail connects them under.
WAGTAIL_NOTIFIERS = [
    (
        "task_submitted",
        TaskState,
        "group_approval_task_submitted_email_notification",
        GroupApprovalTaskStateSubmissionEmailNotifier,
    ),
    (
        "workflow_submitted",
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowStateSubmissionEmailNotifier,
    ),
    (
        "workflow_rejected",
        WorkflowState,
        "workflow_state_rejected_email_notification",
        WorkflowStateRejectionEmailNotifier,
    ),
    (
        "workflow_approved",
        WorkflowState,
        "workflow_state_approved_email_notification",
        WorkflowStateApprovalEmailNotifier,
    ),
]
reliable_wagtail_notifiers = [
    type(f"Reliable{notifier.__name__}", (ReliableEmails, notifier), {})()
    for _signal, _sender, _uid, notifier in WAGTAIL_NOTIFIERS
]
