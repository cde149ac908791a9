"""The communes a user edits for, and the section their new fiches go to
(the share form, "adapt this practice")."""

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
