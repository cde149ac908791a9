"""From a valid share form to a draft fiche with its documents, all or nothing.

Database writes run in one transaction; files written to storage cannot roll
back, so the names stored are remembered and deleted if anything fails
(as the importer does, ``practices.importers.run``). No document id comes from
the browser (only the agent's own files, and kept files named by a signed
token, ``pending``); still, what is attached passes the admin's check
(``practices.attachment_choice``): the agent must be allowed to use the
commune's collection the files go to.
"""

import os

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from documents.models import HubDocument
from documents.uploads.validation import validate_upload
from hub.localize import locale_of, localised
from hub.slugs import free_child_slug, slug_base
from hub.text import paragraph_blocks, plain_text_to_html

from ..attachment_choice import REFUSED, refused_documents
from ..drafts import save_draft
from ..models import PracticePage
from ..models.practices import PracticeAttachment
from ..publishing import roles
from . import pending

RICH_FIELDS = [
    "context",
    "objectives",
    "resources",
    "results",
    "difficulties",
    "lessons",
    "transferability",
]
PLAIN_FIELDS = [
    "title",
    "summary",
    "actors_services",
    "actors_associations",
    "actors_authorities",
    "funding_own",
    "funding_external",
    "contacts",
    "start_date",
    "end_date",
    "status",
]


def create_practice(form, submit):
    """Save the form's fiche as a draft (submitted if ``submit``); returns it."""
    stored = []
    try:
        with transaction.atomic():
            documents = _documents(form, stored)
            if refused_documents(form.user, documents):
                raise ValidationError(REFUSED, code="refused")
            page = _practice(form.cleaned_data, form.section, documents)
            page, _revision = save_draft(form.section, page, form.user, submit=submit)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    pending.discard(form.kept_files + form.dropped_files)
    return page


def _practice(data, section, documents):
    day = data["start_date"] or data["end_date"]
    page = PracticePage(
        slug=_free_slug(section, data["title"]),
        original_language=section.locale.language_code,
        year=day.year if day else None,
        **{name: data[name] for name in PLAIN_FIELDS},
        **{name: plain_text_to_html(data[name]) for name in RICH_FIELDS},
    )
    page.body = paragraph_blocks(data["body"])
    page.themes = list(data["themes"])
    page.target_publics = list(data["target_publics"])
    page.tags.add(*data["tags"])
    page.attachments = [
        PracticeAttachment(document=document, sort_order=i)
        for i, document in enumerate(documents)
    ]
    return page


def _free_slug(section, title):
    """A slug free among the section's pages: ASCII for a French title (as the
    other fiches), Arabic letters for an Arabic one."""
    base = slug_base(title, max_length=80, fallback="pratique", unicode=True, trim=True)
    return free_child_slug(section, base)


def _documents(form, stored):
    """Documents for the kept files, then the new ones, in the commune's
    collection; each file is checked again as it is stored."""
    collection = commune_collection(form.section.commune)
    language = form.section.locale.language_code
    documents = []
    for kept in form.kept_files:
        with default_storage.open(kept.path, "rb") as handle:
            upload = File(handle, name=kept.name)
            validate_upload(upload, kept.name)
            documents.append(_document(upload, collection, language, form, stored))
    for upload in form.accepted_uploads:
        documents.append(_document(upload, collection, language, form, stored))
    return documents


def _document(upload, collection, language, form, stored):
    document = HubDocument(
        title=os.path.splitext(upload.name)[0],
        language=language,
        collection=collection,
        uploaded_by_user=form.user,
    )
    upload.seek(0)
    document.file.save(upload.name, upload, save=False)
    stored.append(document.file.name)
    document._set_document_file_metadata()
    document.save()
    return document


def commune_collection(commune):
    """The commune's collection, found by key (``ensure_roles`` creates it,
    under the commune's French name, and gives the commune's groups their
    rights): renaming it in the admin changes nothing here."""
    return roles.commune_collection(localised(commune, locale_of("fr").pk))
