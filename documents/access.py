"""Who may download a document: what is published, and who works on the rest.

A document is *published* to a viewer when

* a live page the viewer may see attaches it (the attachment rows of practice,
  template and training pages; page view restrictions are read as for lists,
  ``hub.visibility``, except that a page's shared password the visitor has
  entered counts). Wagtail writes a page's rows only while the page is not live,
  so a live page's rows are its published version: an attachment added in a
  draft of a live page publishes nothing until the draft is published; or
* its collection is public on purpose: one of ``PUBLIC_COLLECTIONS``
  (the shared templates, "Modèles partagés", and "Documents du programme")
  or a collection under it. Only the
  trainers and the coordination may add there (``roles``); the collection is
  found by its key (``hub.keys``), so that renaming it in the admin changes
  nothing, and a collection merely named like it is not public.

Anything else — a file sent with the share form, a document attached only to
drafts or to nothing yet — is served only to those who work on it:

* superusers;
* its uploader;
* users with "choose" or "change" on its collection (Wagtail's document
  permission policy: the admin's library and chooser show it to them anyway);
* users with a page right ("change", "publish", or "add" as the owner) on a page
  whose draft attaches it — its rows, or for a live page its latest revision:
  a draft's editors and reviewers.

Everyone else gets a 404, as for a document that does not exist: a redirect to
the login page would confirm to a stranger that there is something there. The
collection's own view restriction then applies on top, to everyone
(``privacy.refuse_document``): a partners-only document that a live public page
attaches still sends an anonymous visitor to the login page — that page already
says it is there.

Every URL that serves a document's bytes asks here first: Wagtail's serve view
and our version downloads (``before_serve_document`` hooks, ``downloads``), and
thumbnails. One query answers for a published document (``Exists`` subqueries,
whatever the number of pages attaching it), a few more for those who work on a
draft. Nothing here runs for lists: a page shows its own attachments, which it
publishes to whoever may see it.
"""

from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.models import Collection, Page, PageViewRestriction
from wagtail.permissions import policy_registry

from hub import keys
from hub.visibility import refused_pages_at, viewer

from .models import AttachmentBase, HubDocument

SHARED_KEY = "collection:shared-templates"
# « Documents du programme »: reports, logical frameworks, calls, minutes that
# the programme page lists (portal); a child restricted to partners stays so.
PROGRAMME_KEY = "collection:programme-documents"
PROGRAMME_PRIVATE_KEY = "collection:programme-documents-private"
# Collections (and what lies under them), by key, whose documents are public on
# purpose, attached to a live page or not: the shared templates, blank forms the
# programme gives every commune and the public, filled by the trainers and the
# coordination only (``publishing.roles`` creates the collection and keys it).
# A file put there is public at once, before the coordination validates the
# page that offers it; with an empty tuple, only live pages publish documents.
PUBLIC_COLLECTIONS = (SHARED_KEY, PROGRAMME_KEY)

# The page rights that open a draft in the admin (Wagtail counts "add" as
# "change" on the pages one owns).
PAGE_RIGHTS = {"change", "publish"}


def attachment_models():
    """The models of the pages' attachment rows (one per page type)."""
    return [m for m in apps.get_models() if issubclass(m, AttachmentBase)]


def public_collections():
    """The collections public on purpose (module docstring), as a queryset."""
    return keys.objects(Collection, *PUBLIC_COLLECTIONS)


def published(documents, user=None, passed=()):
    """``documents`` (a queryset) without those not published to ``user``
    (None: an anonymous visitor); ``passed``: the ids of the page passwords the
    visitor has entered."""
    used = [
        Exists(
            model.objects.filter(document=OuterRef("pk"), page__live=True).exclude(
                Exists(refused_pages_at("page__path", user, passed))
            )
        )
        for model in attachment_models()
    ]
    prefix = Substr(OuterRef("collection__path"), 1, Length("path"))
    in_public = Exists(public_collections().filter(path=prefix))
    return documents.filter(reduce(or_, used, in_public))


def is_published(document, user=None, passed=()):
    return published(HubDocument.objects.filter(pk=document.pk), user, passed).exists()


def is_public(document):
    """Published to anyone, in a collection nobody restricts: the bytes may
    sit in shared caches."""
    restricted = document.collection.get_view_restrictions().exists()
    return not restricted and is_published(document)


def works_on(user, document):
    """Whether ``user`` is one of those who work on ``document`` (module
    docstring), whether it is published or not."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or document.uploaded_by_user_id == user.pk:
        return True
    documents = policy_registry.get_by_type(HubDocument)
    if documents.user_has_any_permission_for_instance(
        user, {"choose", "change"}, document
    ):
        return True
    pages = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, PAGE_RIGHTS
    )
    if any(
        model.objects.filter(document=document, page__in=pages.values("pk")).exists()
        for model in attachment_models()
    ):
        return True
    return _in_a_draft_of_a_live_page(pages, document)


def _in_a_draft_of_a_live_page(pages, document):
    """Whether the latest revision of one of ``pages`` that is live with
    unpublished changes attaches ``document`` (their rows are the published
    version). Read from the revisions' content, in one query, only when
    nothing cheaper answered."""
    contents = pages.filter(live=True, has_unpublished_changes=True).values_list(
        "latest_revision__content", flat=True
    )
    return any(
        isinstance(row, dict) and row.get("document") == document.pk
        for content in contents
        if isinstance(content, dict)
        for row in content.get("attachments") or ()
    )


def passed_page_passwords(request):
    """The ids of the page restrictions whose shared password this visitor has
    entered (Wagtail keeps them in the session)."""
    session = getattr(request, "session", None)
    if session is None:
        return []
    key = PageViewRestriction.passed_view_restrictions_session_key
    return [pk for pk in session.get(key, []) if isinstance(pk, int)]


def refuse_unpublished(document, request):
    """``before_serve_document``: a 404 for a document neither published to
    the request's user nor one they work on; None otherwise (the collection's
    restriction is checked next, ``privacy.refuse_document``)."""
    if is_published(document):
        return None  # to anyone: who asks does not matter (nor its session)
    user = viewer(request)
    if user is not None and user.is_superuser:
        return None
    passed = passed_page_passwords(request)
    signed_in = user is not None and user.is_authenticated
    if (signed_in or passed) and is_published(document, user, passed):
        return None
    if works_on(user, document):
        return None
    raise Http404("No such document.")
