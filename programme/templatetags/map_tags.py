"""``{% partnership_map %}``: the map of the partnerships, with its legend (the
list of the partnerships, links to both communes' pages, which is also the
screen readers' way through the map). See programme/partnership_map.py."""

from django import template
from django.utils import translation
from wagtail.models import Locale

from ..partnership_map import build_map, commune_urls, partnerships_for_map

register = template.Library()


@register.inclusion_tag("programme/partnership_map.html", takes_context=True)
def partnership_map(context, highlight=None):
    """The partnerships of the page's locale (the active language's when the
    page has none); ``highlight``: a commune whose partnerships stand out."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None) or Locale.get_active().pk
    request = context.get("request")
    drawn = build_map(
        partnerships_for_map(locale_id),
        commune_urls(locale_id, request, page),
        highlight=highlight,
        rtl=translation.get_language_bidi(),
    )
    return {**drawn, "highlight": highlight}
