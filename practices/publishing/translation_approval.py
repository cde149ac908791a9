"""« Publier » in the translation editor, for a translation in review, is the
coordination's approval.

wagtail-localize's editor publishes a new revision directly; Wagtail then
cancels the page's workflow (``WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH``): the
history read « Annulé » and the translator, who submitted it, heard nothing —
whereas « Approuver » from the dashboard finishes the workflow, logs the
approval and e-mails them. This hook (``before_edit_page``, before
wagtail-localize's) makes the editor's button take the dashboard's path: the
translated segments saved as a draft revision, then the current task approved
by the reviewer, which publishes that revision when it is the last step.
Anyone else (no workflow in progress, not a reviewer of the step) gets
wagtail-localize's own behaviour.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from .translation_review import enabled_translation, save_draft


def publish_as_approval(request, page):
    """``before_edit_page``: the translation editor's « Publier » (action=publish)."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    task_state = _reviewable_task_state(page, request.user)
    if task_state is None:
        return None
    translation = enabled_translation(page)
    if translation is None:
        return None
    if not save_draft(request, translation):
        return redirect(request.path)
    # What the dashboard's « Approuver » does (wagtailadmin_pages:workflow_action).
    task_state.task.specific.on_action(task_state, request.user, "approve")
    page.refresh_from_db()
    if page.live and not page.has_unpublished_changes:
        message = _("« %(title)s » a été approuvée et publiée.")
    else:
        message = _("« %(title)s » a été approuvée.")
    messages.success(request, message % {"title": page.title})
    return redirect(request.path)


def _reviewable_task_state(page, user):
    """The task state ``user`` may approve on ``page`` now, or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if task_state is None:
        return None
    actions = task_state.task.specific.get_actions(page, user)
    return task_state if "approve" in [name for name, *_rest in actions] else None
