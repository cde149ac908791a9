"""Drafts made outside the page editor (the share form, "adapt this practice"):
how they are saved, and how they enter their workflow."""

from django.db import transaction


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
