"""Filtering and pagination of index pages, with a bounded number of queries.

Filters arrive as slugs in the query string (``?theme=budget-participatif&year=2021``);
an unknown or malformed value is reported and ignored, never an error page, because
links get mangled by messaging apps and people type URLs by hand.
"""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from taggit.models import Tag

from hub.visibility import viewer, visible_pages
from programme.models import Commune, Partnership

from . import content_types, facets

PAGE_SIZE = 12

# Filter name (its query-string key) -> its facet (lookup, vocabulary, label).
FILTERS = {facet.name: facet for facet in facets.on_index_pages()}
RELATED = {
    "commune": "select",
    "kind": "select",
    "themes": "prefetch",
}


def build(request, queryset, locale, filter_names, fixed=None):
    """Context for an index page: its filters (label, options, active value),
    the active filters and one page."""
    # Private pages are listed (and counted in the options) only for those who
    # may see them.
    queryset = visible_pages(queryset.live(), viewer(request)).filter(locale=locale)
    # Filters fixed by the page (its commune, its tag) narrow the listing before
    # the options are computed, so a commune page offers only its own years/tags,
    # and are not offered again as a choice.
    fixed = fixed or {}
    for name, value in fixed.items():
        queryset = queryset.filter(**{FILTERS[name].lookup: value.slug})
    filter_names = [name for name in filter_names if name not in fixed]
    options = {name: filter_options(name, queryset, locale) for name in filter_names}
    active, ignored = {}, []
    for name in filter_names:
        raw = request.GET.get(name, "").strip()
        if not raw:
            continue
        if raw in options[name]:
            active[name] = raw
        else:
            ignored.append(name)
    for name, value in active.items():
        queryset = queryset.filter(**{FILTERS[name].lookup: value})
    queryset = with_related(queryset).order_by("-year", "title", "pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
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
    }


def filter_options(name, pages, locale):
    """value -> label for one filter, limited to what the listed pages use."""
    if name == "year":
        years = pages.exclude(year=None).values_list("year", flat=True).distinct()
        return {str(y): str(y) for y in sorted(set(years), reverse=True)}
    if name == "tag":
        tags = Tag.objects.filter(**{f"{tag_relation(pages)}__in": pages}).distinct()
        return {t.slug: t.name for t in tags.order_by("name")}
    model = FILTERS[name].vocabulary_model
    terms = model.objects.filter(locale=locale)
    if model is Commune:
        terms = terms.filter(country="MA")
    return {t.slug: t.name for t in terms.order_by("name")}


def tag_relation(pages):
    """Name of the reverse relation from taggit's Tag to a page model's tags."""
    through = pages.model.tags.through
    return f"{through._meta.get_field('tag').remote_field.related_name}__content_object"


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


def related_practices(page, limit=4, user=None):
    """Practices of the same commune or sharing a theme, newest first; private
    ones only for a ``user`` who may see them (None: none)."""
    from .models.practices import PracticePage

    theme_ids = [t.pk for t in page.themes.all()]
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
