"""A new file for a published document waits for the coordination.

Replacing the file of a document that a live page serves (``replacement``)
would put it before the public unreviewed. So the edit view keeps the
document's file as it is and stores the new one as a pending version, with
its note and who sent it (``hold``). Those who validate what those pages
publish (``replacement.may_replace_file``) then ``approve`` it — it becomes the
document's file, read again for search and thumbnail, and the pages show it
(the page cache follows every document and version saved) — or ``reject`` it:
the version and its file are deleted. One pending file at a time.
"""

from django.db import transaction
from wagtail.permissions import policy_registry

from .models import DocumentVersion
from .models.versions import next_number, sha256
from .replacement import may_replace_file, validating_pages


def needs_validation(document):
    """Whether a new file for ``document`` must wait for the coordination."""
    return bool(validating_pages(document))


def pending_version(document):
    return document.versions.filter(pending=True).first()


def hold(document, upload, user, note):
    """Store ``upload`` as ``document``'s pending version."""
    return DocumentVersion.objects.create(
        document=document,
        number=next_number(document),
        file=upload,
        file_size=upload.size,
        checksum=sha256(upload),
        uploaded_by=user,
        note=note,
        pending=True,
    )


def may_read_pending(user, document):
    """Whether ``user`` may download ``document``'s pending file: those who may
    edit the document, the coordination among them."""
    # The registry's policy (Wagtail deprecates importing its module-level one).
    policy = policy_registry.get_by_type(type(document))
    return policy.user_has_permission_for_instance(user, "change", document)


def may_decide(user, version):
    """Whether ``user`` approves or rejects ``version``: they may edit the
    document and publish every page that serves it."""
    document = version.document
    return may_read_pending(user, document) and may_replace_file(user, document)


@transaction.atomic
def approve(version):
    """``version``'s file becomes its document's (``HubDocument.save`` makes the
    pending version current instead of recording another)."""
    document = version.document
    document.file = version.file.name
    document._set_document_file_metadata()
    document.file.close()
    document.save()


def reject(version):
    """The version is deleted, and its file with it (``signal_handlers``)."""
    version.delete()
