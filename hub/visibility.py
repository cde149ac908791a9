"""Who may see a page: Wagtail's page view restrictions, read for lists as well
as for the one page Wagtail serves.

A page is private when it or an ancestor has a ``PageViewRestriction`` (the
admin's "Privacy" dialog). Wagtail checks it when it serves one page
(``accept_request``); everything that *lists* pages (index pages, the home
page, search, feeds) asks here, with the same rules for one viewer:

* superusers pass every restriction but a password;
* "login": any logged-in user; "groups": a member of one of the groups;
* "password": nobody — a shared password lets one read a page, never finds it.

Documents follow their collection's restriction the same way
(``documents.visibility``); the search keeps these rules in memory
(``search.visibility``).

The checks are SQL ``Exists`` subqueries (a restriction whose page path is a
prefix of the listed page's path), so a list costs no extra query and nothing is
cached that a rolled-back or concurrent change could leave stale. A fragment of
a page that lists pages may be cached (``hub.content_version``) only under the
viewer's ``visibility_key``: viewers with the same key pass the same
restrictions.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import BaseViewRestriction, PageViewRestriction

PASSWORD = BaseViewRestriction.PASSWORD
LOGIN = BaseViewRestriction.LOGIN
GROUPS = BaseViewRestriction.GROUPS


def viewer(request):
    """The user a request shows content to (None when there is no request)."""
    return getattr(request, "user", None)


def visibility_key(user):
    """What decides which restricted content ``user`` passes, as a string: two
    viewers with the same key see the same pages, so a fragment that lists
    pages may be cached under it (``hub.content_version``). Anonymous,
    superuser, or a logged-in user's groups (one query, once per user object).
    """
    if user is None or not user.is_authenticated:
        return "anonymous"
    if user.is_superuser:
        return "superuser"
    if not hasattr(user, "_visibility_key"):
        groups = sorted(user.groups.values_list("pk", flat=True))
        user._visibility_key = "groups:" + ",".join(map(str, groups))
    return user._visibility_key


def refused_restrictions(restrictions, user):
    """The restrictions of ``restrictions`` (a queryset of page or collection
    view restrictions) that ``user`` fails."""
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


def visible_pages(pages, user=None):
    """``pages`` (a queryset of any page model) without those ``user`` may not
    see; ``user=None``: what an anonymous visitor may see."""
    return pages.exclude(Exists(refused_restrictions(_covering_pages(), user)))


def refused_pages_at(path, user=None, passed=()):
    """The restrictions on the outer query's page (``path``: the lookup of its
    path, e.g. "page__path" from an attachment row) that ``user`` fails. One
    page served at a time may count ``passed``: the ids of the shared
    passwords the visitor has entered (never in lists, see above)."""
    return refused_restrictions(_covering_pages(path), user).exclude(
        pk__in=list(passed)
    )
