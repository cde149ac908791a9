"""« Communes partenaires »: every partner commune, Moroccan and Belgian, by
partnership and by region, each linking to its commune page (the practice
index's ``commune/<slug>/`` route; this index is its ``communes/`` route).

Grouped by the Moroccan commune's region, as the programme is organised; the
Belgian partner's region is shown beside it. A commune in no partnership of the
locale is listed after them, so that none is unreachable. Three queries: the
partnerships with both communes and their regions, the practice count of every
commune (only what the viewer may see), and the communes left.
"""

from django.db.models import Count

from hub.visibility import visible_pages
from programme.models import Commune, Partnership


def communes_index(locale_id, user):
    """``regions``: [(region name, [partnership rows])]; ``unpaired``: the other
    communes. A row: the partnership, its two communes and the number of
    practices each commune has (Belgian communes usually none)."""
    from .models import PracticePage

    counts = dict(
        visible_pages(PracticePage.objects.live(), user)
        .filter(locale_id=locale_id, commune__isnull=False)
        .order_by()
        .values_list("commune_id")
        .annotate(n=Count("pk"))
    )
    partnerships = (
        Partnership.objects.filter(locale_id=locale_id)
        .select_related("moroccan_commune__region", "belgian_commune__region")
        .order_by("moroccan_commune__region__name", "moroccan_commune__name")
    )
    regions, paired = {}, set()
    for partnership in partnerships:
        moroccan, belgian = partnership.moroccan_commune, partnership.belgian_commune
        paired |= {moroccan.pk, belgian.pk}
        region = moroccan.region.name if moroccan.region else ""
        regions.setdefault(region, []).append(
            {
                "partnership": partnership,
                "moroccan": moroccan,
                "moroccan_practices": counts.get(moroccan.pk, 0),
                "belgian": belgian,
                "belgian_practices": counts.get(belgian.pk, 0),
            }
        )
    unpaired = (
        Commune.objects.filter(locale_id=locale_id)
        .exclude(pk__in=paired)
        .select_related("region")
        .order_by("country", "name")
    )
    return {
        "regions": list(regions.items()),
        "unpaired": [(c, counts.get(c.pk, 0)) for c in unpaired],
    }


def commune_page_urls(locale_id, request=None, page=None):
    """How the partnership map (programme.partnership_map) links a commune: to
    its page, a route of the locale's practice index (``page`` when it is that
    index: no query)."""
    from .models import PracticeIndexPage

    index = page
    if not isinstance(index, PracticeIndexPage) or index.locale_id != locale_id:
        index = PracticeIndexPage.objects.live().filter(locale_id=locale_id).first()
    base = index.get_url(request) if index else None
    if base is None:
        return None
    return lambda commune: (
        base + index.reverse_subpage("commune_route", args=[commune.slug])
    )
