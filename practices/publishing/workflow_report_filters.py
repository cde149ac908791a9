"""The workflow reports' drop-downs, workflows and steps named in the reader's
language.

Reports → « Workflows » and « Workflow tasks » (``wagtail.admin.views.reports
.workflows``) label each choice of their workflow and task filters, and the
« active filter » pill, with the stored French name. Their URLs are Wagtail's
core admin URLs, matched before any ``register_admin_urls`` hook, so a view of
ours cannot take their place as collection_names.py does: ``install``
(``PracticesConfig.ready``) hands Wagtail's views these filter sets, whose
fields label a choice through ``localized_name`` (display_names.py). What is
filtered, and the stored names, stay as they are.
"""

from wagtail.admin.views.reports import workflows

from .display_names import localized_name


def _label(obj):
    return localized_name(obj.name)


class LocalisedChoices:
    """Mixed into a filter set: its ``named`` filters' choices localised."""

    named = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.named:
            self.filters[name].field.label_from_instance = _label


class WorkflowReportFilterSet(LocalisedChoices, workflows.WorkflowReportFilterSet):
    named = ("workflow",)


class WorkflowTasksReportFilterSet(
    LocalisedChoices, workflows.WorkflowTasksReportFilterSet
):
    named = ("workflow", "task")


def install():
    """``PracticesConfig.ready``."""
    workflows.WorkflowView.filterset_class = WorkflowReportFilterSet
    workflows.WorkflowTasksView.filterset_class = WorkflowTasksReportFilterSet
