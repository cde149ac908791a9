"""« Comparer avec la version précédente », for a resubmitted page, compares
with the version the reviewers saw last time.

Wagtail's dashboard panel (« En attente de votre vérification ») links each
submission to a comparison with the revision just before it: after changes
were requested, that is the editor's last save (or an autosave, or the
reviewer's comment revision), so the reviewer read « aucune différence »
although the summary had been rewritten. This panel, in its place, compares
the submitted revision with the one submitted before it on the same page —
the revision of the latest earlier task state, the one the reviewer saw and
sent back. A first submission keeps Wagtail's link.

The same rule serves the edit view's status panel and the workflow history
(resubmission_tags.py), the page's history (page_history.py) and the
reviewers' e-mail (``changes_url``).
"""

from django.urls import reverse
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, Revision, TaskState

from .dashboard_names import ObjectsToModerate
from .request_origin import site_base_url


def _submitted_revision_ids(workflow_state, revision_id, **filters):
    """Revisions of the task states on ``workflow_state``'s object (any of its
    workflows), other than ``revision_id``, latest first."""
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type_id=workflow_state.base_content_type_id,
            workflow_state__object_id=workflow_state.object_id,
            **filters,
        )
        .exclude(revision_id=revision_id)
        .order_by("-started_at", "-pk")
        .values_list("revision_id", flat=True)
    )


def previously_submitted_revision_id(task_state):
    """The revision of the last earlier task state on the same object, if it
    is another revision; else None."""
    return _submitted_revision_ids(
        task_state.workflow_state,
        task_state.revision_id,
        started_at__lt=task_state.started_at,
    ).first()


def last_submitted_before(revision, workflow_state):
    """The last revision submitted on ``workflow_state``'s object other than
    ``revision`` (what the reviewers saw last), else the revision just before
    ``revision``, as Wagtail compares."""
    if revision is None:
        return None
    if workflow_state is not None:
        submitted = _submitted_revision_ids(
            workflow_state, revision.pk, revision_id__lt=revision.pk
        ).first()
        if submitted is not None:
            return Revision.objects.get(pk=submitted)
    try:
        return revision.get_previous()
    except Revision.DoesNotExist:  # a first revision: nothing to compare with
        return None


def submitted_before_each(obj):
    """``{revision id: the revision submitted before it}`` for each revision
    of ``obj`` submitted after another (to any step of any workflow), in one
    query: the revisions of its task states, in order."""
    submitted = sorted(
        set(
            TaskState.objects.filter(
                workflow_state__base_content_type_id=obj.get_base_content_type().pk,
                workflow_state__object_id=str(obj.pk),
                revision_id__isnull=False,
            ).values_list("revision_id", flat=True)
        )
    )
    return dict(zip(submitted[1:], submitted[:-1], strict=True))


def changes_url(task_state):
    """The absolute address of the comparison between the revision submitted
    before and ``task_state``'s, for a resubmitted page; else None."""
    previous = previously_submitted_revision_id(task_state)
    page = task_state.workflow_state.content_object
    if previous is None or not isinstance(page, Page):
        return None
    path = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, previous, task_state.revision_id),
    )
    return f"{site_base_url()}{path}"


class ResubmissionAwarePanel(ObjectsToModerate):
    """The localised panel (dashboard_names.py), resubmissions compared."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for item in context["states"]:
            submitted = previously_submitted_revision_id(item["task_state"])
            if submitted is not None:
                item["previous_revision_id"] = submitted
        return context


def replace_panel(request, panels):
    """``construct_homepage_panels``: ours instead of Wagtail's."""
    for position, panel in enumerate(panels):
        if getattr(panel, "name", None) == WorkflowObjectsToModeratePanel.name:
            panels[position] = ResubmissionAwarePanel()
