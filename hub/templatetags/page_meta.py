"""The description search engines and link previews show of a page.

Wagtail's ``search_description`` is filled in by few editors; a fiche's
summary, an index's introduction, or else one sentence saying what the hub is,
describes it better than nothing (Lighthouse's SEO audit asks every page for
one: a missing description cost 10 points on every page).
"""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

LENGTH = 160  # what result pages show of it


@register.simple_tag(takes_context=True)
def page_description(context):
    page = context.get("page")
    for field in ("search_description", "summary", "intro"):
        text = strip_tags(str(getattr(page, field, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(LENGTH)
    return _(
        "Passerelle — programme belgo-marocain de coopération intercommunale pour "
        "l'action sociale locale."
    )
