"""What a list's filters become in the other language (the language switcher
and the "N more in French" hint carry them there: ``hub.language_query``).

* A vocabulary value (theme, region, commune, public, kind) is a slug that a
  term's translations share (``programme.models.taxonomy``): kept if the term
  exists in the other language, else dropped — the other list would only
  ignore it with a notice.
* A free tag belongs to one language (``budget-participatif`` in French,
  ``الميزانية-التشاركية`` in Arabic). It becomes the tag that the translations of
  the pages carrying it carry most often; with no such tag, or a tie, it is
  dropped (a ``tag/<slug>/`` page leads to the index instead): the visitor
  lands on a wider list, never on a 404.
* The search's language scope (``lang``) follows the interface unless it is
  "all"; the rest (``q``, ``year``, ``type``, ``tri``) means the same.

Only public pages decide a tag's translation: the result is cached for
everyone (``hub.content_version``).
"""

import re
from collections import Counter

from django.db.models import CharField, Value
from django.db.models.functions import Cast

from hub.visibility import visible_pages

from . import content_types, facets
from .listing import well_formed

_TAG_ROUTE = re.compile(r"^tag/(?P<slug>[-\w]+)/$")


def translate_params(params, suffix, source, target):
    """``hub.language_query`` translator (registered by ``PracticesConfig``)."""
    # A filter value no slug can be (a null byte, a pasted paragraph) is never
    # looked up — PostgreSQL refuses NUL in a query — and not carried over:
    # the list ignores it anyway.
    params = [
        (key, value)
        for key, value in params
        if _facet(key) is None or well_formed(key, value)
    ]
    terms = _existing_terms(params, target)
    kept = []
    for key, value in params:
        if key == "lang":
            if value == "all":
                kept.append((key, value))
            continue
        facet = _facet(key)
        if facet is not None and facet.vocabulary:
            if value in terms.get(key, ()):
                kept.append((key, value))
        elif facet is not None and facet.name == "tag":
            mapped = translated_tag(value, source, target)
            if mapped:
                kept.append((key, mapped))
        else:
            kept.append((key, value))
    routed = _TAG_ROUTE.match(suffix)
    if routed:
        mapped = translated_tag(routed["slug"], source, target)
        suffix = f"tag/{mapped}/" if mapped else ""
    return kept, suffix


def _facet(name):
    try:
        return facets.get(name)
    except KeyError:
        return None


def _existing_terms(params, target):
    """Filter name -> the requested slugs that exist in ``target``: one query
    for every vocabulary asked for (a UNION)."""
    wanted = {}
    for key, value in params:
        facet = _facet(key)
        if facet is not None and facet.vocabulary:
            wanted.setdefault(key, set()).add(value)
    queries = [
        facets.get(name)
        .vocabulary_model.objects.filter(locale__language_code=target, slug__in=slugs)
        .annotate(bridge_facet=Value(name, output_field=CharField()))
        .values_list("bridge_facet", "slug")
        for name, slugs in wanted.items()
    ]
    found = {}
    for name, slug in _union(queries):
        found.setdefault(name, set()).add(slug)
    return found


def translated_tag(slug, source, target):
    """The tag of ``target``'s public pages that stands for ``slug``, or None
    (two queries)."""
    rows = _union(
        [
            query
            for model in content_types.models()
            for query in _tag_rows(model, slug, source, target)
        ]
    )
    keys, shared = set(), Counter()
    for kind, value in rows:
        if kind == "same":
            return slug  # the same tag is used on that side too
        if kind == "source":
            keys.add(value)
        elif value is not None:
            shared[value] += 1
    if not shared:
        return None
    # The tag whose pages are most nearly the translations of the pages
    # carrying ``slug`` (Jaccard): "participation" is on those translations
    # too, but on many other pages as well.
    used = Counter(
        tag
        for tag, _key in _union(
            [
                _public(model, target)
                .filter(tags__slug__in=list(shared))
                .values_list("tags__slug", "translation_key")
                for model in content_types.models()
            ]
        )
        if tag in shared
    )
    scores = Counter(
        {tag: n / (len(keys) + used[tag] - n) for tag, n in shared.items()}
    )
    ranked = scores.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None  # no way to tell which one: a wider list, not a guess
    return ranked[0][0]


def _tag_rows(model, slug, source, target):
    """(kind, value) rows of one page model: ("same", key) for a ``target``
    page carrying ``slug``; ("source", key) for a ``source`` page carrying it;
    ("shared", tag) for each tag of their ``target`` translations."""
    carrying = _public(model, source).filter(tags__slug=slug)
    yield _labelled(
        _public(model, target).filter(tags__slug=slug), "same", "translation_key"
    )
    yield _labelled(carrying, "source", "translation_key")
    translations = _public(model, target).filter(
        translation_key__in=carrying.values("translation_key")
    )
    yield _labelled(
        model.objects.filter(pk__in=translations.values("pk")), "shared", "tags__slug"
    )


def _labelled(queryset, kind, field):
    """Rows (kind, value as text): a UNION's columns take the first member's
    type, and a tag's slug is no UUID."""
    return queryset.annotate(
        bridge_row=Value(kind, output_field=CharField()),
        bridge_value=Cast(field, output_field=CharField()),
    ).values_list("bridge_row", "bridge_value")


def _union(queries):
    """The rows of ``queries`` in one query (UNION ALL); none: no query."""
    if not queries:
        return []
    # Vocabularies and pages are ordered by default; SQL refuses ORDER BY in
    # the members of a UNION.
    first, *rest = [query.order_by() for query in queries]
    return list(first.union(*rest, all=True)) if rest else list(first)


def _public(model, language):
    return visible_pages(model.objects.live(), None).filter(
        locale__language_code=language
    )
