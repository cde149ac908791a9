"""``/sitemap.xml``: every live, public page of the site in every language, each
with its translations as ``hreflang`` alternates.

Wagtail's sitemap lists the descendants of the site's root page only — the
French tree here: the Arabic home and everything under it are the root's
translation, a sibling tree, and were missing. Pages with a view restriction
(partners-only, login, a shared password) and aliases (the same content at a
second address) are left out; an alternate is only ever another listed page,
so a private translation is never named either.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class HubSitemap(Sitemap):
    def listed_pages(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root, alias_of__isnull=True)
            .order_by("path")
        )

    def items(self):
        return self.listed_pages().defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self._alternates()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def _alternates(self):
        """Location → [{lang_code, location}] of the page and its listed
        translations, plus ``x-default`` (the default language's version)."""
        by_key = defaultdict(list)
        pages = self.listed_pages().select_related("locale")
        for page in pages.only("url_path", "translation_key", "locale"):
            location = page.get_full_url(self.request)
            if location:
                by_key[page.translation_key].append(
                    {"lang_code": page.locale.language_code, "location": location}
                )
        alternates = {}
        for versions in by_key.values():
            if len(versions) < 2:
                continue  # no translation listed: nothing to point to
            versions.sort(key=lambda version: version["lang_code"])
            default = [
                {"lang_code": "x-default", "location": version["location"]}
                for version in versions
                if version["lang_code"] == settings.LANGUAGE_CODE
            ]
            for version in versions:
                alternates[version["location"]] = versions + default
        return alternates


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": HubSitemap(request)})
