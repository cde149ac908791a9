"""``{% feed_links %}``: the ``<link rel="alternate">`` of the feeds that mirror
a list (practices/feeds.py): its type and its active filters, so that a
reader subscribes to exactly what they are looking at."""

from urllib.parse import urlencode

from django import template
from django.utils.translation import get_language

from .. import content_types
from ..feeds import FILTERS

register = template.Library()


@register.inclusion_tag("practices/components/feed_links.html", takes_context=True)
def feed_links(context, title, **fixed):
    """``fixed``: filters of the page itself (a commune page's commune); the
    list's type is that of the index page in the context, if it is one."""
    query = {}
    page = context.get("page")
    for kind in content_types.registered():
        if page is not None and type(page) is kind.index_model:
            query["type"] = kind.key
    active = context.get("active_filters") or {}
    query.update((name, value) for name, value in active.items() if name in FILTERS)
    query.update(fixed)
    suffix = f"?{urlencode(query)}" if query else ""
    base = f"/{get_language()}/flux/"
    return {
        "title": title,
        "rss": f"{base}rss/{suffix}",
        "atom": f"{base}atom/{suffix}",
    }
