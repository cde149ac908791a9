"""``/sitemap.xml`` and ``/robots.txt`` (issue #16, item 3): every live public page
in both languages with its translations as hreflang alternates; private pages,
drafts and aliases never listed, nor named as an alternate."""

import urllib.robotparser

import pytest
from defusedxml import ElementTree
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from tests.factories import PracticePageFactory, TemplatePageFactory, translate
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
HOST = "http://testserver"


def read_sitemap():
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", NS):
        location = url.findtext("s:loc", namespaces=NS)
        assert location not in entries, f"{location} listed twice"
        entries[location] = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link", NS)
            if link.get("rel") == "alternate"
        }
    return entries


def full(page):
    """Where the sitemap places a page: under the Wagtail site's root URL."""
    return page.full_url


@pytest.fixture
def pages():
    public = PracticePageFactory(title="Budget ouvert", commune="tanger")
    public_ar = translate(public, title="ميزانية مفتوحة")
    private = PracticePageFactory(title="Budget confidentiel", commune="tanger")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([role_group("partners")])
    public_with_private_translation = TemplatePageFactory(title="Modèle de PV")
    private_translation = translate(public_with_private_translation, title="نموذج محضر")
    PageViewRestriction.objects.create(
        page=private_translation, restriction_type=PageViewRestriction.LOGIN
    )
    draft = PracticePageFactory(title="Brouillon", commune="tanger", live=False)
    return {
        "public": public,
        "public_ar": public_ar,
        "private": private,
        "template": public_with_private_translation,
        "private_translation": private_translation,
        "draft": draft,
    }


def test_lists_exactly_the_live_public_pages_of_both_languages(pages):
    entries = read_sitemap()
    expected = {
        full(page)
        for page in Page.objects.live().public().filter(alias_of__isnull=True)
        if page.depth >= 2
    }
    assert set(entries) == expected
    assert full(pages["public"]) in entries and full(pages["public_ar"]) in entries
    assert any("/ar/" in location for location in entries)
    for hidden in ("private", "private_translation", "draft"):
        assert full(pages[hidden]) not in entries


def test_translations_are_hreflang_alternates(pages):
    entries = read_sitemap()
    pair = {"fr": full(pages["public"]), "ar": full(pages["public_ar"])}
    for location in pair.values():
        assert entries[location] == {**pair, "x-default": pair["fr"]}


def test_a_private_translation_is_never_named(pages):
    entries = read_sitemap()
    hidden = full(pages["private_translation"])
    assert all(hidden not in links.values() for links in entries.values())
    assert entries[full(pages["template"])] == {}


def test_aliases_are_not_listed(pages):
    index = pages["public"].get_parent().get_parent()  # hub pages' refs are unique
    alias = index.create_alias(update_slug="pratiques-copie")
    assert alias.live and alias.url
    assert full(alias) not in read_sitemap()


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_paths(
    pages,
):
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert robots.site_maps() == [f"{HOST}/sitemap.xml"]
    assert robots.can_fetch("*", f"{HOST}/ar/pratiques/tanger/budget-ouvert/")
    assert robots.can_fetch("*", f"{HOST}/fr/pratiques/tanger/budget-ouvert/")
    assert robots.can_fetch("*", f"{HOST}/documents/12/guide.pdf")
    assert robots.can_fetch("*", f"{HOST}/fr/search/?q=budget")
    for path in (
        "/admin/",
        "/fr/compte/connexion/",
        "/ar/compte/",
        "/ar/partager/",
        "/fr/adapter/12/",
    ):
        assert not robots.can_fetch("*", HOST + path), path


def test_queries_do_not_grow_with_the_pages(pages, django_assert_max_num_queries):
    """One query per page type (Wagtail's ``specific()``), the restrictions, the
    site, and one for the alternates: 17 with 8 page types, whatever the number
    of pages."""
    PracticePageFactory.create_batch(5, commune="tiznit")
    with django_assert_max_num_queries(18):
        read_sitemap()
