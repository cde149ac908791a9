"""Routing a deep URL in one query instead of two per level.

Wagtail's ``Page.route`` walks the tree: for each slug of the URL it reads the
child of that slug (one query), then that child's specific page (another) and
asks it to route the rest. A practice fiche, four levels deep, cost seven page
queries before anything was shown.

``DirectRoutingMixin.route`` reads every page the rest of the URL can name in
one query — the descendants at each following depth whose slug is that
level's slug — and walks the chain in memory: each page must be the child of
the one before, as Wagtail's ``get_children().get(slug=…)`` requires. Only the
page at the end is made specific (one more query). The semantics stay
Wagtail's:

* slugs are compared as Wagtail compares them (``slug = …`` in the database);
* a missing level is a 404; a non-live page at the end is a 404 (Wagtail's own
  ``route`` decides, called on it with nothing left); non-live pages on the way
  still route;
* a page on the way whose class routes by itself (``RoutablePageMixin``: the
  practice index's ``commune/<x>/`` and ``tag/<x>/``) gets the rest of the URL,
  exactly as in Wagtail's walk: its own ``route`` decides, and falls back to
  its children;
* the walk starts from the page Wagtail routes from (the site root in the
  request's language, ``Page.route_for_request``), so the French and Arabic
  trees each answer their own URLs;
* view restrictions are untouched: Wagtail's ``before_serve_page`` hook checks
  them on the page this returns.

Put ahead of ``Page`` in the classes of pages that have children.
"""

from django.http import Http404
from wagtail.models import Page


def _routes_like_a_page(page):
    """Whether ``page``'s class routes as a plain Page does (children by slug,
    then itself): such a page need not be made specific on the way."""
    route = getattr(page.specific_class or Page, "route", Page.route)
    return route in (Page.route, DirectRoutingMixin.route)


class DirectRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        pages = self._pages_named_by(path_components)
        current = self
        for depth, slug in enumerate(path_components, start=self.depth + 1):
            child = pages.get((current.path, depth, slug))
            if child is None:
                raise Http404
            # Treebeard's get_parent() reads this instead of a query (breadcrumbs).
            child._cached_parent_obj = current
            remaining = path_components[depth - self.depth :]
            if remaining and not _routes_like_a_page(child):
                return child.specific.route(request, remaining)
            current = child
        return current.specific.route(request, [])

    def _pages_named_by(self, path_components):
        """{(parent path, depth, slug): page} for the descendants of this page
        that the URL's slugs could name, in one query."""
        depths = range(self.depth + 1, self.depth + 1 + len(path_components))
        wanted = {
            (depth, slug) for depth, slug in zip(depths, path_components, strict=True)
        }
        candidates = Page.objects.filter(
            path__startswith=self.path,
            depth__in=list(depths),
            slug__in={slug for _depth, slug in wanted},
        )
        steplen = Page.steplen
        return {
            (page.path[:-steplen], page.depth, page.slug): page
            for page in candidates
            if (page.depth, page.slug) in wanted
        }
