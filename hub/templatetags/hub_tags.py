"""Template helpers for the bilingual layout: language switcher and hreflang."""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from hub import language_names
from hub.content_version import cached
from hub.language_query import carried
from hub.visibility import viewer, visibility_key, visible_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: where the switcher leads from this page.

    On a Wagtail page, the translation of the page (``available`` is False when it
    is not translated yet, and the link then leads to that language's home page);
    on a sub-page of a routable page (a commune, a tag), the same sub-page of the
    translation; elsewhere (search), the same URL in the other language. The
    filters and the query go along, in the other language's terms
    (``hub.language_query``): a filtered list leads to the same list, page 1.
    """
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        return [
            language_entry(
                code, True, translate_url(request.path, code) + bridge(request, code)[0]
            )
            for code, _name in settings.LANGUAGES
        ]
    # The same for every viewer who sees the same pages, until any content
    # changes (hub.content_version): one cache read instead of a query.
    user = viewer(request)
    suffix = routed_suffix(request, page)
    versions = cached(
        request,
        "language-versions",
        page.cache_key,  # id, URL and last publication (wagtailpagecache's)
        visibility_key(user),
        build=lambda: page_language_versions(request, page, user),
    )
    entries = []
    for version in versions:
        url = version["url"]
        if version["available"]:
            query, routed = bridge(request, version["code"], suffix)
            url += routed + query
        entries.append({**version, "url": url})
    return entries


def bridge(request, target, suffix=""):
    """(query string, routed suffix) that mean in ``target`` what they mean
    here, kept in the cache (translating a tag costs queries)."""
    source = get_language()
    if not request.GET and not suffix:
        return "", ""
    if target == source:
        return carried_here(request.GET), suffix
    return cached(
        request,
        "language-query",
        target,
        request.GET.urlencode(),
        suffix,
        build=lambda: carried(request.GET, suffix, source, target),
    )


def carried_here(query_dict):
    query = query_dict.copy()
    query.pop("page", None)
    return "?" + query.urlencode() if query else ""


def page_language_versions(request, page, user):
    # A translation the visitor may not see is "not translated yet" to them: the
    # switcher must not reveal its URL (slug) either.
    visible = visible_pages(page.get_translations(inclusive=True).live(), user)
    translations = {p.locale.language_code: p for p in visible.select_related("locale")}
    versions = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        url = target.get_url(request) if target else f"/{code}/"
        versions.append(language_entry(code, target is not None, url))
    return versions


def language_entry(code, available, url):
    info = get_language_info(code)
    return {
        "code": code,
        "name": info["name_local"],
        "bidi": info["bidi"],
        "available": available,
        "url": url,
    }


def routed_suffix(request, page):
    """What follows the page's own URL in the request path (``commune/tanger/``)
    when a routable page answers one of its sub-routes, else ``""``.

    See https://docs.wagtail.org/en/stable/reference/contrib/routablepage.html
    """
    page_url = page.get_url(request) or ""
    if page_url.endswith("/") and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


@register.filter
def language_name(code):
    """``{{ version.code|language_name }}``: « arabe » in a French sentence."""
    return language_names.language_name(code)


@register.filter
def in_language(code):
    """``{{ version.code|in_language }}``: « باللغة الفرنسية » in an Arabic one."""
    return language_names.in_language(code)


@register.filter
def number(value):
    """Thousands grouped in the active language's convention (1 083 462 in French,
    1.083.462 in Arabic as written in Morocco).

    ``intcomma`` follows the locale's ``NUMBER_GROUPING``, which Django leaves at 0
    (no grouping at all) for Arabic, so the grouping is forced to three digits.
    A decimal keeps its fraction (« 1,4 » in both languages).
    """
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except (TypeError, ValueError, InvalidOperation):
        return value
    if not number.is_finite():  # "NaN", "Infinity": not a figure to group
        return value
    value = number
    if value == value.to_integral_value():
        value = int(value)
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
