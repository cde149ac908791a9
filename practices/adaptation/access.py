"""Who may adapt a practice, and into which commune.

A commune editor adapts another commune's practice into their own commune's
section: editing one's own commune's fiche is done in the admin, not by copying
it. The page's button and the action ask the same question here; the action
then asks the section's page permissions (``section_of_user``), which decide.
"""

from ..publishing.communes import editor_communes


def adaptable_communes(user, page):
    """The communes (French rows) into which ``user`` may adapt ``page``: those
    they edit for, other than the page's own. None for a page that is not
    live, and no query for an anonymous visitor."""
    if not page.live or not user.is_authenticated:
        return []
    communes = editor_communes(user)
    if not communes:
        return []
    own = page.commune.translation_key if page.commune_id else None
    return [c for c in communes if c.translation_key != own]
