"""Phone-first markup (#13, Build 1 and 4): results before filters, filter
panels that keep their state, links that land on the results, the « Sur cette
page » list of a fiche, headings that never skip a level, favicon and manifest.
What only a browser shows (overflow, Tab presses) is in test_browser_layout.py.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from search.facets import bump_version
from tests.factories import (
    PracticePageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.test_pages import CONTENT, PAGE_KINDS, PAGE_URLS

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Search facets are indexed per process: start each test from fresh."""
    bump_version()


@pytest.fixture
def long_practice():
    """A fiche with most sections, translated (the translation copies them)."""
    practice = PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        themes=["budget-participatif"],
        tags=["budget"],
        context="<p>Un quartier sans lieu pour les jeunes.</p>",
        objectives="<p>Donner la parole aux jeunes.</p>",
        actors_services="Service jeunesse",
        actors_associations="Association Horizons",
        results="<p>300 jeunes inscrits.</p>",
        indicators=[("indicator", {"label": "Jeunes inscrits", "value": "300"})],
        lessons="<p>Impliquer les parents dès le début.</p>",
        contacts="jeunesse@example.org",
    )
    add_participation(practice, "youth", 1200)
    translate(practice, title="الميزانية التشاركية للشباب")
    return practice


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_on_this_page_lists_the_fiche_sections_in_order(client, long_practice, lang):
    """« Sur cette page » names each h2 section of the fiche, in page order,
    and each link leads to its section."""
    page = soup(client.get(f"/{lang}/pratiques/tanger/budget-participatif-des-jeunes/"))
    nav = page.select_one("nav.on-this-page")
    links = [(a["href"], a.get_text()) for a in nav.select("a")]
    sections = [
        ("#" + section["id"], section.h2.get_text())
        for section in page.select("article section[id]")
    ]
    assert links == sections
    assert [href for href, _ in links] == [
        "#contexte",
        "#objectifs",
        "#acteurs",
        "#resultats-preuves",
        "#enseignements",
        "#contacts",
        "#mots-cles",
    ]
    if lang == "ar":
        assert nav.h2.get_text() == "في هذه الصفحة"
        assert links[0][1] == "السياق والإشكالية"


def test_short_fiche_has_no_on_this_page_list(client):
    """Two sections need no table of contents."""
    practice = PracticePageFactory(context="<p>Un contexte.</p>")
    assert not soup(client.get(practice.url)).select("nav.on-this-page")


@pytest.mark.parametrize(
    ("query", "summary", "is_open"),
    [
        ("", "Filtres", False),
        ("?theme=budget-participatif", "Filtres (1 actif)", True),
        ("?theme=budget-participatif&commune=tanger", "Filtres (2 actifs)", True),
    ],
)
def test_listing_shows_results_then_a_filter_panel(
    client, long_practice, query, summary, is_open
):
    """The results come first; the filters follow in a <details> panel, open
    when a filter is on (the URL keeps the state), and the form lands on the
    results."""
    html = client.get("/fr/pratiques/" + query).content.decode()
    page = soup(client.get("/fr/pratiques/" + query))
    assert html.index('class="cards"') < html.index('class="filters-panel"')
    panel = page.select_one("details.filters-panel")
    assert panel.summary.get_text().strip() == summary
    assert panel.has_attr("open") is is_open
    assert page.select_one("form.filters")["action"] == "#resultats"
    assert page.select_one("#resultats").name == "h2"
    assert page.select_one("a.filters-jump")["href"] == "#filtres"
    assert page.select_one("#filtres details.filters-panel")


def test_arabic_panel_counts_active_filters_in_arabic(client, long_practice):
    page = soup(client.get("/ar/pratiques/?theme=budget-participatif"))
    summary = page.select_one("details.filters-panel summary").get_text().strip()
    assert summary == "عوامل التصفية (عامل واحد مفعّل)"


def test_search_shows_results_then_filters_and_links_land_on_results(
    client, long_practice
):
    """Search: results before the facets; every facet, scope and removal link
    targets #resultats; result titles are h3 under the h2 « Résultats »."""
    response = client.get(
        "/fr/search/", {"q": "budget", "theme": "budget-participatif"}
    )
    html = response.content.decode()
    page = soup(response)
    assert html.index('class="search-results"') < html.index('class="filters-panel"')
    panel = page.select_one("#filtres details.filters-panel")
    assert panel.has_attr("open")
    assert panel.summary.get_text().strip() == "Filtres (1 actif)"
    links = panel.select("a[href]")
    assert links and all(a["href"].endswith("#resultats") for a in links)
    main = page.select_one("#resultats")
    assert main.h2.get_text() == "Résultats"
    assert main.select("ol.search-results > li > h3 a")

    unfiltered = soup(client.get("/fr/search/", {"q": "budget"}))
    assert not unfiltered.select_one("details.filters-panel").has_attr("open")


def heading_levels(page):
    return [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_heading_levels_never_skip(client, kind, lang):
    """One h1, then each heading at most one level below the one before it
    (index pages: h1, h2 « N résultats », h3 cards; search: h3 facets)."""
    pattern, content = PAGE_URLS[kind]
    if content:
        CONTENT[content]()
    levels = heading_levels(soup(client.get(pattern.format(lang=lang))))
    assert levels[0] == 1 and levels.count(1) == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not jumps, levels


def test_fiche_heading_levels_never_skip(client, long_practice):
    levels = heading_levels(soup(client.get(long_practice.url)))
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("ar", "rtl")])
def test_favicon_and_manifest_in_the_page_language(client, lang, direction):
    """The head links an SVG favicon, a PNG fallback and the manifest of the
    page's language; the manifest's icons exist."""
    head = soup(client.get(f"/{lang}/")).head
    icons = {link["type"]: link["href"] for link in head.select('link[rel="icon"]')}
    assert set(icons) == {"image/svg+xml", "image/png"}
    manifest_url = head.select_one('link[rel="manifest"]')["href"]
    assert f"manifest-{lang}" in manifest_url
    assert head.select_one('meta[name="theme-color"]')["content"] == "#0b6e4f"

    path = finders.find(f"manifest-{lang}.webmanifest")
    with open(path, encoding="utf-8") as file:
        manifest = json.load(file)
    assert manifest["lang"] == lang and manifest["dir"] == direction
    assert manifest["start_url"] == f"/{lang}/"
    assert manifest["short_name"] == "Passerelle"
    for icon in manifest["icons"]:
        assert finders.find(icon["src"]), icon["src"]
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
