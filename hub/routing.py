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
* a page on the way whose class routes by itself gets the rest of the URL,
  exactly as in Wagtail's walk: its own ``route`` decides. For a
  ``RoutablePageMixin`` page (the practice index's ``commune/<x>/`` and
  ``tag/<x>/``) whose sub-routes do not answer the rest, the walk goes on
  without it, as its ``route`` would fall back to its children: a fiche below
  the index is still one query;
* the walk starts from the page Wagtail routes from (the site root in the
  request's language, ``Page.route_for_request``), so the French and Arabic
  trees each answer their own URLs;
* view restrictions are untouched: Wagtail's ``before_serve_page`` hook checks
  them on the page this returns.

Put ahead of ``Page`` in the classes of pages that have children.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _routes_like_a_page(page, remaining):
    """Whether ``page`` routes ``remaining`` (what is left of the URL below it)
    as a plain Page does, to its child of the next slug: then it need not be
    made specific on the way.

    Its class's ``route`` is Wagtail's or this one; or it is
    ``RoutablePageMixin.route``, falling back to one of those, and none of the
    class's sub-routes answers ``remaining`` (Wagtail's ``RoutablePageMixin``
    tries them on a live page only, then walks the children: a fiche below
    the practice index is not ``commune/<x>/`` or ``tag/<x>/``)."""
    cls = page.specific_class or Page
    if cls.route in PLAIN_ROUTES:
        return True
    if cls.route is not RoutablePageMixin.route or _next_route(cls) not in PLAIN_ROUTES:
        return False
    if not page.live:
        return True
    try:
        cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Http404:  # Resolver404
        return True
    return False


def _next_route(cls):
    """The ``route`` that ``RoutablePageMixin.route``'s ``super()`` calls."""
    mro = cls.__mro__
    for klass in mro[mro.index(RoutablePageMixin) + 1 :]:
        if "route" in klass.__dict__:
            return klass.__dict__["route"]
    return None


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
            if remaining and not _routes_like_a_page(child, remaining):
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


# Routes that walk the children as Wagtail's Page.route does.
PLAIN_ROUTES = (Page.route, DirectRoutingMixin.route)
