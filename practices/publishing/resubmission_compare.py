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
"""

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import TaskState

from .dashboard_names import ObjectsToModerate


def previously_submitted_revision_id(task_state):
    """The revision of the last earlier task state on the same object, if it
    is another revision; else None."""
    workflow_state = task_state.workflow_state
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type_id=workflow_state.base_content_type_id,
            workflow_state__object_id=workflow_state.object_id,
            started_at__lt=task_state.started_at,
        )
        .exclude(revision_id=task_state.revision_id)
        .order_by("-started_at", "-pk")
        .values_list("revision_id", flat=True)
        .first()
    )


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
