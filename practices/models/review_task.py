"""The first step of a practice's workflow: the reviewers of *its* commune.

A GroupApprovalTask names fixed groups, so one workflow could not send each
commune's submissions to that commune's reviewers. This task asks the page which
commune it belongs to and lets that commune's reviewer group (and superusers)
act, so one workflow serves every commune.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from .roles import REVIEWER, communes_of


def commune_key_of(obj):
    """translation_key of the commune a page belongs to, or None."""
    commune = getattr(getattr(obj, "specific", obj), "commune", None)
    return commune.translation_key if commune is not None else None


class CommuneReviewTask(Task):
    def _reviews(self, obj, user):
        if user.is_superuser:
            return True
        key = commune_key_of(obj)
        return key is not None and key in communes_of(user, REVIEWER)

    def user_can_access_editor(self, obj, user):
        return self._reviews(obj, user)

    def locked_for_user(self, obj, user):
        return not self._reviews(obj, user)

    def user_can_lock(self, obj, user):
        return self._reviews(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def on_action(self, task_state, user, action_name, **kwargs):
        """Wagtail's action view checks ``get_actions`` against the page in its
        URL but acts on the task state in its URL: without this check a
        reviewer could approve another commune's submission by pairing its
        task state with one of their own pages."""
        if not self._reviews(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_actions(self, obj, user):
        if not self._reviews(obj, user):
            return []
        return [
            ("reject", _("Demander des modifications"), True),
            ("approve", _("Approuver"), False),
            ("approve", _("Approuver avec un commentaire"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        keys = communes_of(user, REVIEWER)
        if not keys:
            return TaskState.objects.none()
        from .practices import PracticePage

        # A subquery, not a list of ids: a commune may hold thousands of fiches.
        # WorkflowState.object_id is text (a generic key), hence the cast.
        page_ids = (
            PracticePage.objects.filter(commune__translation_key__in=keys)
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return states.filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("Les relecteurs de la commune de la fiche approuvent cette étape.")

    class Meta:
        verbose_name = _("relecture communale")
        verbose_name_plural = _("relectures communales")
