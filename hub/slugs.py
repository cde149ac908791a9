"""Slugs and refs that are free: ``base``, else ``base-2``, ``base-3``…

Pages made outside the editor (the share form, "adapt", the importer) need a
slug their siblings do not have, and every hub page a ref no other page has;
each caller says how its base is made (its length, its fallback) so that the
slugs and refs it made before are the ones it makes now.
"""

from collections.abc import Callable, Collection

from django.utils.text import slugify


def slug_base(text, *, max_length, fallback, unicode=False, trim=False):
    """``text`` slugified and cut to ``max_length``, or ``fallback`` when
    nothing is left. ``unicode``: when no ASCII letter is left (an Arabic
    title), keep the text's own letters. ``trim``: no hyphen left hanging
    where the cut fell."""
    base = slugify(text) or (slugify(text, allow_unicode=True) if unicode else "")
    base = base[:max_length]
    if trim:
        base = base.strip("-")
    return base or fallback


def free_slug(base, taken: Callable[[str], bool] | Collection[str]):
    """``base``, or ``base-2``, ``base-3``…: the first that is not ``taken``
    (a collection of slugs, or a function that says whether one is)."""
    is_taken = taken if callable(taken) else taken.__contains__
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def free_child_slug(parent, base):
    """A slug from ``base`` that none of ``parent``'s children has (sibling
    pages' slugs must differ); one query."""
    return free_slug(base, set(parent.get_children().values_list("slug", flat=True)))
