"""What a page's template shows, assembled outside the page model.

A page model that built its own context had to import what sits above it —
listings, privacy filters, the adapt button, download counts — and those import
the models: a circle. So a page model only mixes in ``PageContextMixin``, and
each app's ``page_context.py`` holds the builders of its pages, registered by
the app's ``AppConfig.ready()``::

    def practice_context(page, request, context, **route_kwargs):
        context["related_practices"] = related_practices(page)

    register(PracticePage, practice_context)

A builder adds to ``context`` in place; ``route_kwargs`` are what a route of a
``RoutablePageMixin`` page passed to ``render()`` (nothing for a plain page).
A builder registered for a class applies to its subclasses too, the base class's
first, as ``super().get_context()`` did. This module imports no app: ``hub`` is
below them all.
"""

_builders = {}  # model class -> its builders, in the order registered


def register(model, builder):
    """Call ``builder`` for the pages of ``model`` and of its subclasses (once,
    however often it is registered)."""
    builders = _builders.setdefault(model, [])
    if builder not in builders:
        builders.append(builder)


def builders_for(model):
    """The builders that apply to ``model``: base classes' first."""
    return [
        builder for cls in reversed(model.__mro__) for builder in _builders.get(cls, ())
    ]


class PageContextMixin:
    """Put ahead of ``Page``: ``get_context`` runs the registered builders."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for builder in builders_for(type(self)):
            builder(self, request, context, **kwargs)
        return context
