"""Drafts made outside the page editor (the share form, "adapt this practice"):
where they go, and how they enter the workflow."""

from django.db import transaction

from ..models.roles import EDITOR, CommuneRole
from .sections import section_for


def editor_communes(user):
    """The communes (French rows) ``user`` edits for, by name."""
    if not user.is_authenticated:
        return []
    roles = CommuneRole.objects.filter(group__user=user, role=EDITOR)
    return sorted((r.commune for r in roles.select_related("commune")), key=str)


def section_of_user(user, locale, commune=None):
    """The section where ``user`` may create a practice in ``locale``: that of
    ``commune`` if given and theirs, else of their only commune; None if they
    edit for no commune (or for several and did not say which)."""
    communes = editor_communes(user)
    if commune is not None:
        communes = [c for c in communes if c.translation_key == commune.translation_key]
    if len(communes) != 1:
        return None
    section = section_for(communes[0], locale)
    # The group's permission on the section is what really decides.
    if not section.permissions_for_user(user).can_add_subpage():
        return None
    return section


@transaction.atomic
def save_draft(section, page, user, submit=False):
    """Add ``page`` under ``section`` as a draft owned by ``user``; optionally
    submit it to its workflow. Returns the page. Nothing is left if it fails."""
    page.live = False
    page.owner = user
    if page.locale_id is None:
        page.locale = section.locale
    section.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if submit:
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    return page, revision
