"""Submitting a wagtail-localize translation to its workflow.

wagtail-localize replaces the page editor of a translation with its own
(``before_edit_page`` hook in ``wagtail_localize.wagtail_hooks``), which can
only publish: a translator, who may not publish, would have no way to hand a
translation to the coordination. Our override of its template adds a "Submit"
button posting ``action-submit`` to the edit URL, as Wagtail's editor does;
this hook (registered before wagtail-localize's) saves the translated
segments as a new draft revision and starts the page's workflow — the
translation workflow, chosen by ``HubPageMixin.get_workflow`` — or resumes it
after the coordination asked for changes.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from hub.localize import is_translation


def submit_translation(request, page):
    """``before_edit_page``: handle "Submit" posted from the translation editor."""
    if request.method != "POST" or "action-submit" not in request.POST:
        return None
    translation = enabled_translation(page)
    if translation is None:
        return None  # Wagtail's own editor handles its own submit
    if not page.permissions_for_user(request.user).can_submit_for_moderation():
        messages.error(request, _("Vous ne pouvez pas soumettre cette page."))
        return redirect(request.path)
    if page.workflow_in_progress:
        messages.warning(
            request, _("Cette traduction est déjà en cours de validation.")
        )
        return redirect(request.path)
    workflow = page.specific.get_workflow()
    if workflow is None:
        messages.error(request, _("Aucun circuit de validation pour cette page."))
        return redirect(request.path)
    if not save_draft(request, translation):
        return redirect(request.path)
    _start_or_resume(
        page.specific_class.objects.get(pk=page.pk), workflow, request.user
    )
    messages.success(
        request,
        _(
            "« %(title)s » a été soumise : elle attend maintenant la validation "
            "de la coordination."
        )
        % {"title": page.title},
    )
    return redirect(request.path)


def save_draft(request, translation):
    """The translated segments saved as a new draft revision of the target;
    False (and an error message) when required fields are left empty."""
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(
            request,
            _("La traduction est incomplète : complétez les champs obligatoires."),
        )
        return False
    return True


def enabled_translation(page):
    """The enabled wagtail-localize translation that made ``page``, or None."""
    from wagtail_localize.models import Translation

    if not is_translation(page):
        return None
    return Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).first()


def _start_or_resume(page, workflow, user):
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        workflow.start(page, user)
