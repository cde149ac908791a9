"""What the search shows to one viewer: the facet index minus the private pages
that viewer may not see.

The facet index (``facets.py``) holds every live hub page, private ones too, so
that partner members find the pages meant for them. Which indexed pages sit under
a view restriction is read once per index version (two queries) and kept with
the index; restriction changes and page moves bump the version. Per search, the
viewer's rules are checked in memory (``Rule`` below): no query for
an anonymous visitor, one (the user's groups) for a logged-in one.

``for_viewer(index, user)`` wraps the index so that everything the search reads
from it — the ranked ids after filtering, the browse scope, the translations
shown beside a result — leaves out the hidden pages; counts follow, since they
are made over those ids.

All of this is only as fresh as this process's index: a restriction made by
another process, or written without a signal, reaches it at the next version
or after ``facets.MAX_AGE``. So it decides counts and facets only; what is
*shown* — results, their translations, suggestions, promoted pages — is loaded
through ``hub.visibility.visible_pages``, which asks the database
(``service._load``, ``autocomplete._suggest``, ``promotions._still_public``).
"""

import threading
from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from hub.visibility import GROUPS, LOGIN, PASSWORD

_lock = threading.Lock()


def restrictions(index):
    """{page id: (Rule, …)} for the indexed pages under a view restriction."""
    with _lock:
        found = getattr(index, "_restrictions", None)
        if found is None:
            found = index._restrictions = _read_restrictions(index)
        return found


def _read_restrictions(index):
    rules = page_rules()
    if not rules:
        return {}
    under = Q()
    for rule in rules:
        under |= Q(path__startswith=rule.path)
    found = {}
    for page_id, path in Page.objects.filter(under).values_list("id", "path"):
        if page_id in index.entries:
            found[page_id] = tuple(r for r in rules if path.startswith(r.path))
    return found


def restricted_ids(index):
    """The indexed pages that have a view restriction (for the "réservé aux
    partenaires" badge)."""
    return restrictions(index).keys()


def hidden_ids(index, user):
    """The indexed pages ``user`` may not see."""
    found = restrictions(index)
    if not found:
        return frozenset()
    groups = group_ids(user) if _needs_groups(found, user) else frozenset()
    return frozenset(
        page_id
        for page_id, rules in found.items()
        if not all(rule.accepts(user, groups) for rule in rules)
    )


def _needs_groups(found, user):
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    return any(r.type == GROUPS for rules in found.values() for r in rules)


class VisibleIndex:
    """A facet index as one viewer sees it (everything else is the index's)."""

    def __init__(self, index, hidden):
        self._index = index
        self.hidden = hidden

    def __getattr__(self, name):
        return getattr(self._index, name)

    def shows(self, page_id):
        return page_id in self._index.entries and page_id not in self.hidden

    def filter(self, ids, filters):
        return self._visible(self._index.filter(ids, filters))

    def in_scope(self, lang):
        return self._visible(self._index.in_scope(lang))

    def other_languages(self, page_id):
        others = self._index.other_languages(page_id)
        return [entry for entry in others if entry.id not in self.hidden]

    def _visible(self, ids):
        if not self.hidden:
            return ids
        return [page_id for page_id in ids if page_id not in self.hidden]


def for_viewer(index, user):
    return VisibleIndex(index, hidden_ids(index, user))


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
