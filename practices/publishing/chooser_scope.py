"""The page chooser shows drafts only to those who may read them.

Wagtail's page chooser (links, "related pages" fields) lists every page of the
tree, drafts included, to anyone with admin access: a commune's editor would
read the titles of another commune's unpublished practices there, in its
browse and search views alike. Live pages stay choosable by all (linking to a
published fiche of another commune is the point); a draft is listed only to a
user who holds a page right on it (the drafts they may open in the admin).
https://docs.wagtail.org/en/stable/reference/hooks.html#construct-page-chooser-queryset
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permissions import policy_registry


def hide_unreadable_drafts(pages, request):
    """``construct_page_chooser_queryset``: live pages, and the user's drafts."""
    user = request.user
    if user.is_superuser:
        return pages
    readable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, {"add", "change", "publish"}
    )
    return pages.filter(Q(live=True) | Q(pk__in=readable.values("pk")))
