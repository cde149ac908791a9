"""The page editor's « Submit to <workflow> » button, the workflow named in the
reader's language.

Wagtail writes the stored name into the label
(``SubmitForModerationMenuItem.get_context_data``): « تقديم إلى Fiche
pratique : … » in the Arabic admin. The ``construct_page_action_menu`` hook
swaps that item for this subclass, which puts the localised name
(display_names.py) in place of the stored one, in Wagtail's own sentence.
"""

from wagtail.admin.action_menu import SubmitForModerationMenuItem

from .display_names import localized_name


class LocalisedSubmitMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        name = _named_step(context)
        if name:
            context["label"] = str(context["label"]).replace(name, localized_name(name))
        return context


def _named_step(context):
    """The stored name Wagtail's label quotes: the step being resubmitted to,
    else the workflow."""
    page = context.get("page")
    state = page.current_workflow_state if page else None
    if state and state.status == state.STATUS_NEEDS_CHANGES:
        return state.current_task_state.task.name
    workflow_page = page if page and page.pk else context.get("parent_page")
    workflow = workflow_page.get_workflow() if workflow_page else None
    return workflow.name if workflow else None


def localise_submit_item(menu_items, request, context):
    """``construct_page_action_menu``."""
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = LocalisedSubmitMenuItem(order=item.order)
