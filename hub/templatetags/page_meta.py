"""What search engines and link previews read of a page: its description, its
canonical address, OpenGraph / Twitter card tags and schema.org JSON-LD.

The description: Wagtail's ``search_description`` is filled in by few editors; a fiche's
summary, an index's introduction, or else one sentence saying what the hub is,
describes it better than nothing (Lighthouse's SEO audit asks every page for
one: a missing description cost 10 points on every page).
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from hub.content_version import cached

register = template.Library()

LENGTH = 160  # what result pages show of it
# OpenGraph names a locale with its territory: the programme's content is
# Moroccan communes' (and their Belgian partners').
OG_LOCALES = {"fr": "fr_MA", "ar": "ar_MA"}
# What django.utils.html.json_script escapes: a "</script>" in a title stays text.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


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


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The one address of what this response shows, for ``rel=canonical`` and
    link previews: a page's own URL under the Wagtail site (as the sitemap
    gives it) — an alias's original's —, the same for a routed sub-page (a
    commune, a tag), and the path alone elsewhere. Filters and sorts are views
    of the same list and are dropped; a later page of a list keeps its number.
    """
    request = context["request"]
    page = context.get("page")
    path = request.path
    url = request.build_absolute_uri(path)
    if isinstance(page, Page):
        page_path = page.get_url(request)
        full = (page.alias_of or page).get_full_url(request)
        if page_path and full and path.startswith(page_path):
            url = full + path[len(page_path) :]
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        url += f"?page={int(number)}"
    return url


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context, title=None):
    """OpenGraph and Twitter card tags: what a link shared in a messaging app
    or a social network shows. ``title`` names a routed sub-page (a commune)
    whose ``page`` is the index; nothing without a title (a form, an error)."""
    page = context.get("page")
    if title is None and isinstance(page, Page):
        title = page.seo_title or page.title
    if not title:
        return {"title": None}
    request = context["request"]
    language = get_language()
    return {
        "title": title,
        "description": page_description(context),
        "url": canonical_url(context),
        "type": getattr(page, "social_type", "website") if page else "website",
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [
            OG_LOCALES.get(version["code"], version["code"])
            for version in context.get("versions", [])
            if version["code"] != language and version["available"]
        ],
        "image": request.build_absolute_uri(static("icons/icon-512.png")),
        "image_alt": "Passerelle",  # the brand, in every language
    }


@register.simple_tag(takes_context=True)
def json_ld(context):
    """The page's schema.org description (``structured_data(request, context)``
    of the page type, when it has one) as a JSON-LD script. Escaped as Django's
    ``json_script`` escapes, so no text of the page can close the element."""
    page = context.get("page")
    describe = getattr(page, "structured_data", None)
    if not callable(describe):
        return ""
    request = context["request"]
    # The same for every reader until the content changes: one cache read.
    text = cached(
        request,
        "json-ld",
        page.cache_key,
        build=lambda: json.dumps(
            describe(request, context), ensure_ascii=False, cls=DjangoJSONEncoder
        ).translate(JSON_SCRIPT_ESCAPES),
    )
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # escaped as json_script escapes, above
    )
