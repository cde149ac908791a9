"""Template helpers for the bilingual layout: language switcher and hreflang."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: where the switcher leads from this page.

    On a Wagtail page, the translation of the page (``available`` is False when it
    is not translated yet, and the link then leads to that language's home page);
    elsewhere (search), the same URL in the other language.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
    versions = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        entry = {"code": code, "name": info["name_local"], "bidi": info["bidi"]}
        if isinstance(page, Page):
            target = translations.get(code)
            entry["available"] = target is not None
            entry["url"] = target.url if target else f"/{code}/"
        else:
            entry["available"] = True
            entry["url"] = translate_url(request.get_full_path(), code)
        versions.append(entry)
    return versions


@register.filter
def number(value):
    """Thousands grouped in the active language's convention (1 083 462 / 1,083,462)."""
    from django.contrib.humanize.templatetags.humanize import intcomma

    if value in (None, ""):
        return ""
    return intcomma(value)
