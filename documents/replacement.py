"""Which documents are published, and who validates a new file for them.

A document's current file is what its pages serve (``documents.models.versions``):
a new file for a published document — a template a live page attaches, a blank
form of the shared collection — would reach the public unreviewed. So it waits
(``documents.pending_files``) until those who validate what those pages publish
approve it (the programme coordination, superusers): publish rights on every
live page that attaches it and, for a document public by its collection, on
every site's home. Each new file says what changed (its version note), kept
with who and when in the version list of the document's edit view.
"""

from wagtail.models import Site

from .access import attachment_models, public_collections


def pages_publishing(document):
    """The live pages that attach ``document``."""
    return [
        row.page
        for model in attachment_models()
        for row in model.objects.filter(
            document=document, page__live=True
        ).select_related("page")
    ]


def in_a_public_collection(document):
    path = document.collection.path
    return any(path.startswith(c.path) for c in public_collections())


def validating_pages(document):
    """The pages whose publish right replacing ``document``'s file takes: none
    when nothing publishes it (to anyone: a partners-only page counts)."""
    if not document.pk:
        return []
    pages = pages_publishing(document)
    if in_a_public_collection(document):
        pages += [site.root_page for site in Site.objects.select_related("root_page")]
    return pages


def may_replace_file(user, document):
    """Whether ``user`` may replace the file of ``document`` as it stands."""
    if user.is_superuser:
        return True
    return all(
        page.permissions_for_user(user).can_publish()
        for page in validating_pages(document)
    )
