"""Filtering and pagination of index pages, with a bounded number of queries.

Filters arrive as slugs in the query string (``?theme=budget-participatif&year=2021``).
Each filter offers the values the listed pages use — live, visible to the viewer,
in the page's language — among those its facet admits (``practices.facets``:
Moroccan communes only), as the search's facets do. A value that is not offered
(unknown, malformed, only on a draft) is reported and ignored, never an error page,
because links get mangled by messaging apps and people type URLs by hand.
"""

import re

from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery
from taggit.models import Tag

from hub.content_version import cached
from hub.visibility import viewer, visibility_key, visible_pages
from programme.models import Partnership

from . import content_types, facets, sorting

PAGE_SIZE = 12
# What a requested value must look like to be looked up at all: a slug (tag
# slugs may be Arabic) or a year.
_SLUG_RE = re.compile(r"[-\w]{1,100}")
_YEAR_RE = re.compile(r"[0-9]{4}", re.ASCII)

# Filter name (its query-string key) -> its facet (lookup, vocabulary, label).
FILTERS = {facet.name: facet for facet in facets.on_index_pages()}
RELATED = {
    "commune": "select",
    "kind": "select",
    "themes": "prefetch",
}


def build(request, queryset, locale, filter_names, fixed=None, cache_as=None):
    """Context for an index page: its filters (label, options, active value),
    the active filters and one page.

    ``cache_as`` (what identifies ``queryset``, e.g. the index page's id): the
    filters' options are then kept in the cache for every viewer who sees the
    same pages (``hub.content_version``), one query per filter saved."""
    # Private pages are listed (and their values offered) only to those who may
    # see them.
    user = viewer(request)
    queryset = visible_pages(queryset.live(), user).filter(locale=locale)
    # Filters fixed by the page (its commune, its tag) narrow the listing before
    # the options are computed, so a commune page offers only its own years/tags,
    # and are not offered again as a choice.
    fixed = fixed or {}
    for name, value in fixed.items():
        queryset = queryset.filter(**{FILTERS[name].lookup: value.slug})
    filter_names = [name for name in filter_names if name not in fixed]
    wanted = requested(request, filter_names)

    def all_options():
        return {
            name: filter_options(name, queryset, locale, wanted)
            for name in filter_names
        }

    if cache_as is None:
        options = all_options()
    else:
        options = cached(
            request,
            "filter-options",
            cache_as,
            sorted((name, value.slug) for name, value in fixed.items()),
            sorted(wanted.items()),
            visibility_key(user),
            build=all_options,
        )
    # A value is active when it is offered: one no listed page uses (a draft's
    # term, a typo, a Belgian commune) is ignored, never an empty list.
    active = {n: v for n, v in wanted.items() if v in options[n]}
    ignored = [n for n in filter_names if request.GET.get(n, "").strip()]
    ignored = [n for n in ignored if n not in active]
    for name, value in active.items():
        queryset = queryset.filter(**{FILTERS[name].lookup: value})
    sort = sorting.requested(request)
    page = sorting.paginate(
        with_related(queryset), sort, request.GET.get("page"), PAGE_SIZE
    )
    return {
        "page_obj": page,
        "filters": [
            {
                "name": name,
                "label": FILTERS[name].label,
                "options": options[name],
                "active": active.get(name),
            }
            for name in filter_names
        ],
        "active_filters": active,
        "ignored_filters": ignored,
        "querystring_without_page": querystring_without(request, "page"),
        "sort": sort,
        # Kept by the filters form (a hidden field) when it is not the default.
        "sort_kept": None if sort == sorting.DEFAULT else sort,
        "sort_links": sorting.links(request, sort),
    }


def requested(request, filter_names):
    """Filter name -> the value asked for, if it could be one (a slug, a year):
    anything else is ignored before any query sees it (null bytes, 5,000
    characters pasted from a chat)."""
    found = {}
    for name in filter_names:
        raw = request.GET.get(name, "").strip()
        if well_formed(name, raw):
            found[name] = raw
    return found


def well_formed(name, raw):
    """Whether ``raw`` could be a value of filter ``name`` (a year, a slug)."""
    return bool((_YEAR_RE if name == "year" else _SLUG_RE).fullmatch(raw))


def filter_options(name, pages, locale, wanted=None):
    """value -> label for one filter: the values the listed ``pages`` use, by
    name (years newest first), each label with the number of pages that
    choosing it lists (« Tanger (4) »), in one query.

    "Listed" means listed once the *other* requested filters apply (a requested
    value no page of ``pages`` uses does not narrow: it will be ignored), so
    that choosing a value in this select shows pages. The value requested for
    this filter stays offered if any of ``pages`` uses it, even when the other
    filters leave no page with it (counted 0): the visitor sees it and can
    remove it.
    """
    wanted = wanted or {}
    facet = FILTERS[name]
    listed = _narrowed(pages, wanted, but=name)
    value = wanted.get(name)
    if name == "year":
        counted = (
            listed.exclude(year=None)
            .order_by()
            .values_list("year")
            .annotate(n=Count("pk", distinct=True))
        )
        counts = {str(year): n for year, n in counted}
        if value and value not in counts and _having(pages, name, value).exists():
            counts[value] = 0
        years = sorted(counts, key=int, reverse=True)
        return {year: _counted(year, counts[year]) for year in years}
    if facet.vocabulary:
        terms = facet.vocabulary_model.objects.filter(
            locale=locale, **facet.term_filter()
        )
    else:
        terms = Tag.objects.all()  # free tags, in no language
    having = listed.filter(**{facet.lookup: OuterRef("slug")})
    used = Exists(having)
    if value:
        used |= Q(slug=value) & Exists(_having(pages, name, value))
    # COUNT(*) of the listed pages that have the term, as a subquery of the
    # terms' query: still one query per filter.
    count = having.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    found = (
        terms.filter(used)
        .annotate(n=Subquery(count))
        .order_by("name")
        .values_list("slug", "name", "n")
    )
    return {slug: _counted(label, n) for slug, label, n in found}


def _counted(label, number):
    return f"{label} ({number})"


def _having(pages, name, value):
    """``pages`` that have ``value`` for filter ``name`` as one of its values."""
    facet = FILTERS[name]
    lookups = {facet.lookup: value, **facet.term_filter(facet.page_field)}
    return pages.filter(**lookups)


def _narrowed(pages, wanted, but):
    """``pages`` with every requested value but filter ``but``'s. A value none
    of ``pages`` has narrows nothing, as it is then ignored: decided in SQL, so
    that each filter's options stay one query, whatever the others ask for."""
    listed = pages
    for name, value in wanted.items():
        if name != but:
            having = _having(pages, name, value).values("pk")
            listed = listed.filter(Q(pk__in=having) | ~Exists(having))
    return listed


def with_related(queryset):
    """Join or prefetch what list cards display, so the query count stays flat."""
    field_names = {f.name for f in queryset.model._meta.get_fields()}
    selects = [n for n, how in RELATED.items() if how == "select" and n in field_names]
    prefetches = [
        n for n, how in RELATED.items() if how == "prefetch" and n in field_names
    ]
    if "attachments" in field_names:
        prefetches.append("attachments__document")
    return queryset.select_related(*selects).prefetch_related(*prefetches)


def querystring_without(request, key):
    params = request.GET.copy()
    params.pop(key, None)
    return params.urlencode()


def partnerships_of(commune):
    return list(
        Partnership.objects.filter(
            Q(moroccan_commune=commune) | Q(belgian_commune=commune),
            locale=commune.locale,
        ).select_related("belgian_commune", "moroccan_commune")
    )


def visible_tag(slug, locale, user=None):
    """The tag ``slug`` if a live page in ``locale`` that ``user`` may see
    carries it — a practice, template or training module, whose detail pages all
    link to the tag page — else None. A tag found only on drafts, or on private
    pages the viewer may not see, does not exist for them (one query)."""
    carried = Q()
    for model in content_types.models():
        pages = visible_pages(model.objects.live(), user).filter(locale=locale)
        carried |= Exists(pages.filter(tagged_items__tag=OuterRef("pk")))
    return Tag.objects.filter(carried, slug=slug).first()


def related_practices(page, limit=4, user=None, themes=None):
    """Practices of the same commune or sharing a theme, newest first; private
    ones only for a ``user`` who may see them (None: none). ``themes``: the
    page's, if already read."""
    from .models.practices import PracticePage

    theme_ids = [t.pk for t in (page.themes.all() if themes is None else themes)]
    match = Q(themes__in=theme_ids)
    if page.commune_id:
        match |= Q(commune_id=page.commune_id)
    candidates = (
        visible_pages(PracticePage.objects.live(), user)
        .filter(match, locale_id=page.locale_id)
        .exclude(pk=page.pk)
        .select_related("commune")
        .order_by("-year", "pk")
        .distinct()
    )
    return list(candidates[:limit])
