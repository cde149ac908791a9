"""The publishing workflows.

- practice: the commune's reviewers, then the programme coordination;
- resource (templates, trainings): the coordination;
- translation (a page wagtail-localize translated from another locale): the
  coordination — chosen per page by ``HubPageMixin.get_workflow`` whatever
  section holds it (``practices.translation_workflow``).

Each workflow and task is found by its key (``hub.keys``), never by its name.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from hub import keys
from hub.localize import in_french

from .. import content_types
from ..models.review_task import CommuneReviewTask
from ..translation_workflow import TRANSLATION, TRANSLATION_KEY

PRACTICE = _("Fiche pratique : relecture communale puis coordination")
RESOURCE = _("Ressource : validation par la coordination")
COMMUNE_REVIEW = _("Relecture par la commune")
COORDINATION = _("Validation par la coordination")


def ensure_workflows(coordinators):
    review = _task(CommuneReviewTask, "task:commune-review", COMMUNE_REVIEW)
    approval = _task(GroupApprovalTask, "task:coordination", COORDINATION)
    approval.groups.set([coordinators])
    workflows = {
        "practice": _workflow("workflow:practice", PRACTICE, [review, approval]),
        "resource": _workflow("workflow:resource", RESOURCE, [approval]),
    }
    _workflow(TRANSLATION_KEY, TRANSLATION, [approval])
    for kind in content_types.registered():
        workflow = workflows[kind.workflow]
        for page in kind.index_model.objects.all():
            WorkflowPage.objects.update_or_create(
                page=page, defaults={"workflow": workflow}
            )


def _task(model, key, label):
    """The task of ``key``; the first time, the one named ``label`` in French
    (made before the keys were) or a new one."""
    name = in_french(label)
    return keys.ensure(model, key, lambda: model.objects.get_or_create(name=name)[0])


def _workflow(key, label, tasks):
    name = in_french(label)
    workflow = keys.ensure(
        Workflow, key, lambda: Workflow.objects.get_or_create(name=name)[0]
    )
    if not workflow.active:
        workflow.active = True
        workflow.save()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    return workflow
