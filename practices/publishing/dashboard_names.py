"""The dashboard's workflow panels, the steps named in the reader's language.

« Awaiting your review » and « Your pages in a workflow » read the step's
stored French name (``task.name``); these subclasses hand their templates the
same objects wrapped so that ``name`` is localised (display_names.py),
rather than copies of Wagtail's templates. Swapped in by the
``construct_homepage_panels`` hook.
"""

from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from .display_names import Localised, LocalisedStep


class ObjectsToModerate(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            state["workflow_tasks"] = [Localised(t) for t in state["workflow_tasks"]]
        return context


class ObjectsInModeration(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["workflow_states"] = [
            LocalisedStep(state) for state in context["workflow_states"]
        ]
        return context


LOCALISED = {
    WorkflowObjectsToModeratePanel: ObjectsToModerate,
    UserObjectsInWorkflowModerationPanel: ObjectsInModeration,
}


def localise_panels(request, panels):
    """``construct_homepage_panels``."""
    for index, panel in enumerate(panels):
        if type(panel) in LOCALISED:
            panels[index] = LOCALISED[type(panel)]()
