"""The publishing workflows.

- practice: the commune's reviewers, then the programme coordination;
- resource (templates, trainings): the coordination;
- translation (a page wagtail-localize translated from another locale): the
  coordination — chosen per page by ``HubPageMixin.get_workflow`` whatever
  section holds it (``practices.translation_workflow``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from hub.localize import in_french

from ..models import PracticeIndexPage, TemplateIndexPage, TrainingIndexPage
from ..models.review_task import CommuneReviewTask
from ..translation_workflow import TRANSLATION

PRACTICE = _("Fiche pratique : relecture communale puis coordination")
RESOURCE = _("Ressource : validation par la coordination")
COMMUNE_REVIEW = _("Relecture par la commune")
COORDINATION = _("Validation par la coordination")


def ensure_workflows(coordinators):
    review, _c = CommuneReviewTask.objects.get_or_create(name=in_french(COMMUNE_REVIEW))
    approval, _c = GroupApprovalTask.objects.get_or_create(name=in_french(COORDINATION))
    approval.groups.set([coordinators])
    practice = _workflow(PRACTICE, [review, approval])
    resource = _workflow(RESOURCE, [approval])
    _workflow(TRANSLATION, [approval])
    for model, workflow in [
        (PracticeIndexPage, practice),
        (TemplateIndexPage, resource),
        (TrainingIndexPage, resource),
    ]:
        for page in model.objects.all():
            WorkflowPage.objects.update_or_create(
                page=page, defaults={"workflow": workflow}
            )


def _workflow(label, tasks):
    workflow, _created = Workflow.objects.get_or_create(name=in_french(label))
    if not workflow.active:
        workflow.active = True
        workflow.save()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    return workflow
