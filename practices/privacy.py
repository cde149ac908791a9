"""Who may see what: Wagtail's view restrictions, read for lists as well as pages.

A page is private when it or an ancestor has a ``PageViewRestriction`` (the
admin's "Privacy" dialog); a document is private when its collection or an
ancestor has a ``CollectionViewRestriction`` (``publishing.roles`` restricts the
"réservé aux partenaires" collections to the programme's groups). Wagtail checks
them when it serves one page or one document (``accept_request``); everything
that *lists* pages or documents (index pages, home page, search, attachments)
asks here, with the same rules for one viewer:

* superusers pass every restriction but a password;
* "login": any logged-in user; "groups": a member of one of the groups;
* "password": nobody — a shared password lets one read a page, never finds it.

Whether a document may be downloaded at all (a live page or its collection
publishes it, or the viewer works on it) is ``practices.document_access``; its
collection's restriction applies on top (``refuse_document``).

The checks are SQL ``Exists`` subqueries (a restriction whose page path is a
prefix of the listed page's path), so a list costs no extra query and nothing is
cached that a rolled-back or concurrent change could leave stale.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.shortcuts import render
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

PASSWORD = BaseViewRestriction.PASSWORD
LOGIN = BaseViewRestriction.LOGIN
GROUPS = BaseViewRestriction.GROUPS


def viewer(request):
    """The user a request shows content to (None when there is no request)."""
    return getattr(request, "user", None)


def _refused(restrictions, user):
    """The restrictions of ``restrictions`` (a queryset) that ``user`` fails."""
    if user is None or not user.is_authenticated:
        return restrictions
    if user.is_superuser:
        return restrictions.filter(restriction_type=PASSWORD)
    through = restrictions.model.groups.through
    member = through.objects.filter(
        **{restrictions.model._meta.model_name: OuterRef("pk")}, group__user=user
    )
    return restrictions.filter(
        Q(restriction_type=PASSWORD) | Q(restriction_type=GROUPS) & ~Exists(member)
    )


def _covering_pages(path="path"):
    """Restrictions on the outer query's page (its ``path`` lookup) or one of
    its ancestors."""
    prefix = Substr(OuterRef(path), 1, Length("page__path"))
    return PageViewRestriction.objects.filter(page__path=prefix)


def _covering_collections():
    prefix = Substr(OuterRef("path"), 1, Length("collection__path"))
    return CollectionViewRestriction.objects.filter(collection__path=prefix)


def visible_pages(pages, user=None):
    """``pages`` (a queryset of any page model) without those ``user`` may not
    see; ``user=None``: what an anonymous visitor may see."""
    return pages.exclude(Exists(_refused(_covering_pages(), user)))


def refused_pages_at(path, user=None, passed=()):
    """The restrictions on the outer query's page (``path``: the lookup of its
    path, e.g. "page__path" from an attachment row) that ``user`` fails. One
    page served at a time may count ``passed``: the ids of the shared
    passwords the visitor has entered (never in lists, see above)."""
    return _refused(_covering_pages(path), user).exclude(pk__in=list(passed))


def refused_collection_ids(collection_ids, user=None):
    """The ids among ``collection_ids`` whose documents ``user`` may not see."""
    refused = Collection.objects.filter(pk__in=set(collection_ids)).filter(
        Exists(_refused(_covering_collections(), user))
    )
    return set(refused.values_list("pk", flat=True))


def private_collection_ids():
    """Every collection under a view restriction (one query)."""
    private = Collection.objects.filter(Exists(_covering_collections()))
    return set(private.values_list("pk", flat=True))


def with_private_documents(attachments):
    """``attachments`` (a queryset of attachment rows) annotated with
    ``private_document``: whether the document's collection is restricted —
    read with the rows, no query of its own (search indexing, ``base.py``)."""
    prefix = Substr(
        OuterRef("document__collection__path"), 1, Length("collection__path")
    )
    covering = CollectionViewRestriction.objects.filter(collection__path=prefix)
    return attachments.annotate(private_document=Exists(covering))


def refuse_document(document, request):
    """None when the request may have ``document`` (Wagtail's own
    ``accept_request``); otherwise the answer. A shared password: Wagtail's
    password form. Otherwise the login page for a visitor who is not logged
    in, as Wagtail does, and a 403 page saying why for a logged-in user the
    restriction does not accept (the login form they already passed would
    loop)."""
    from wagtail.documents.wagtail_hooks import check_view_restrictions
    from wagtail.wagtail_hooks import require_wagtail_login  # needs loaded models

    restrictions = document.collection.get_view_restrictions()
    refused = [r for r in restrictions if not r.accept_request(request)]
    if not refused:
        return None
    if any(r.restriction_type == PASSWORD for r in refused):
        return check_view_restrictions(document, request)
    user = viewer(request)
    if user is None or not user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    return render(request, "practices/restricted.html", status=403)


@dataclass(frozen=True)
class Rule:
    """A page view restriction as read once for the search's in-memory index."""

    id: int
    path: str
    type: str
    group_ids: frozenset

    def accepts(self, user, group_ids):
        """``accept_request`` for lists (see the module docstring); ``group_ids``:
        the user's groups."""
        if self.type == PASSWORD:
            return False
        if user is None or not user.is_authenticated:
            return self.type not in (LOGIN, GROUPS)
        if self.type == GROUPS and not user.is_superuser:
            return bool(self.group_ids & group_ids)
        return True


def page_rules():
    """Every page view restriction as a ``Rule`` (one query)."""
    rows = PageViewRestriction.objects.values_list(
        "pk", "page__path", "restriction_type", "groups"
    )
    found = {}
    for pk, path, kind, group_id in rows:
        rule = found.setdefault(pk, (path, kind, set()))
        if group_id is not None:
            rule[2].add(group_id)
    return [Rule(pk, p, k, frozenset(g)) for pk, (p, k, g) in found.items()]


def group_ids(user):
    """The ids of ``user``'s groups, read once per user object."""
    if user is None or not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_privacy_group_ids"):
        ids = user.groups.values_list("pk", flat=True)
        user._privacy_group_ids = frozenset(ids)
    return user._privacy_group_ids
